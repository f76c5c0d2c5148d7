import type { Locale } from './locale.ts';

type Catalog = Record<string, Record<Locale, string>>;

/** Messages for error codes (upper case) and field issues (lower case). {name} interpolates. */
export const MESSAGES: Catalog = {
  VALIDATION_FAILED: {
    es: 'La solicitud contiene datos no válidos.',
    en: 'The request contains invalid data.',
    pt: 'A solicitação contém dados inválidos.',
  },
  MALFORMED_REQUEST: {
    es: 'No se pudo leer el cuerpo de la solicitud: {reason}',
    en: 'The request body could not be read: {reason}',
    pt: 'Não foi possível ler o corpo da solicitação: {reason}',
  },
  INVALID_CREDENTIALS: {
    es: 'Correo electrónico o contraseña incorrectos.',
    en: 'Wrong e-mail address or password.',
    pt: 'E-mail ou senha incorretos.',
  },
  INVALID_RECEIPT: {
    es: 'Número de recibo o frase de acceso incorrectos.',
    en: 'Wrong receipt number or passphrase.',
    pt: 'Número de recibo ou frase de acesso incorretos.',
  },
  'tip.keep_receipt': {
    es: 'Guarde el número de recibo y la frase de acceso: son la única forma de volver a este reporte. No se mostrarán de nuevo.',
    en: 'Keep the receipt number and passphrase: they are the only way back to this report. They will not be shown again.',
    pt: 'Guarde o número do recibo e a frase de acesso: são a única forma de voltar a esta denúncia. Não serão mostrados novamente.',
  },
  unknown_category: {
    es: 'Categoría desconocida.',
    en: 'Unknown category.',
    pt: 'Categoria desconhecida.',
  },
  weak_passphrase: {
    es: 'Frase de acceso demasiado débil: al menos {minimum} caracteres y variados.',
    en: 'Passphrase too weak: at least {minimum} characters, and varied.',
    pt: 'Frase de acesso fraca demais: pelo menos {minimum} caracteres, e variados.',
  },
  UNAUTHENTICATED: {
    es: 'Inicie sesión para continuar.',
    en: 'Please sign in to continue.',
    pt: 'Faça login para continuar.',
  },
  FORBIDDEN: {
    es: 'No tiene permiso para realizar esta acción.',
    en: 'You are not allowed to do this.',
    pt: 'Você não tem permissão para realizar esta ação.',
  },
  CSRF_FAILED: {
    es: 'Falta el token CSRF o no es válido. Recargue la página e inténtelo de nuevo.',
    en: 'The CSRF token is missing or invalid. Reload the page and try again.',
    pt: 'O token CSRF está ausente ou é inválido. Recarregue a página e tente novamente.',
  },
  NOT_FOUND: {
    es: 'No se encontró el recurso ({resource}).',
    en: 'The resource was not found ({resource}).',
    pt: 'O recurso não foi encontrado ({resource}).',
  },
  ROUTE_NOT_FOUND: {
    es: 'No existe la ruta {method} {url}.',
    en: 'There is no route {method} {url}.',
    pt: 'Não existe a rota {method} {url}.',
  },
  METHOD_NOT_ALLOWED: {
    es: 'Método no permitido.',
    en: 'Method not allowed.',
    pt: 'Método não permitido.',
  },
  CONFLICT: {
    es: 'Ya existe: {what}.',
    en: 'Already exists: {what}.',
    pt: 'Já existe: {what}.',
  },
  PAYLOAD_TOO_LARGE: {
    es: 'La solicitud es demasiado grande (máximo {limit} bytes).',
    en: 'The request is too large (at most {limit} bytes).',
    pt: 'A solicitação é grande demais (máximo de {limit} bytes).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    es: 'Tipo de contenido no admitido: {type}. Use application/json.',
    en: 'Unsupported content type: {type}. Use application/json.',
    pt: 'Tipo de conteúdo não suportado: {type}. Use application/json.',
  },
  ATTACHMENT_TOO_LARGE: {
    es: 'La imagen es demasiado grande: el máximo es {megabytes} MB.',
    en: 'The image is too large: the maximum is {megabytes} MB.',
    pt: 'A imagem é grande demais: o máximo é {megabytes} MB.',
  },
  UNSUPPORTED_IMAGE: {
    es: 'El archivo no es una imagen JPEG, PNG o WebP (se mira su contenido, no su nombre). Las fotos HEIC deben convertirse antes a JPEG.',
    en: 'The file is not a JPEG, PNG or WebP image (its content is checked, not its name). Convert HEIC photos to JPEG first.',
    pt: 'O arquivo não é uma imagem JPEG, PNG ou WebP (o conteúdo é verificado, não o nome). Converta fotos HEIC para JPEG antes.',
  },
  TOO_MANY_ATTACHMENTS: {
    es: 'Este reporte ya tiene el máximo de {limit} imágenes.',
    en: 'This report already has the maximum of {limit} images.',
    pt: 'Esta denúncia já tem o máximo de {limit} imagens.',
  },
  TOO_MANY_REQUESTS: {
    es: 'Demasiados intentos. Vuelva a intentarlo en {seconds} segundos.',
    en: 'Too many attempts. Try again in {seconds} seconds.',
    pt: 'Muitas tentativas. Tente novamente em {seconds} segundos.',
  },
  INTERNAL: {
    es: 'Error interno. El equipo técnico fue notificado (referencia {requestId}).',
    en: 'Internal error. The technical team has been notified (reference {requestId}).',
    pt: 'Erro interno. A equipe técnica foi notificada (referência {requestId}).',
  },
  UNAVAILABLE: {
    es: 'El servicio no está disponible en este momento.',
    en: 'The service is unavailable right now.',
    pt: 'O serviço não está disponível no momento.',
  },

  image_too_many_pixels: {
    es: 'La imagen tiene demasiados píxeles (máximo {megapixels} megapíxeles).',
    en: 'The image has too many pixels (at most {megapixels} megapixels).',
    pt: 'A imagem tem pixels demais (máximo de {megapixels} megapixels).',
  },
  image_unreadable: {
    es: 'La imagen está dañada o incompleta y no se pudo leer.',
    en: 'The image is damaged or incomplete and could not be read.',
    pt: 'A imagem está danificada ou incompleta e não pôde ser lida.',
  },
  required: { es: 'Campo obligatorio.', en: 'This field is required.', pt: 'Campo obrigatório.' },
  invalid_type: {
    es: 'Tipo no válido: se esperaba {expected}.',
    en: 'Invalid type: expected {expected}.',
    pt: 'Tipo inválido: esperava-se {expected}.',
  },
  too_small_string: {
    es: 'Debe tener al menos {minimum} caracteres.',
    en: 'Must be at least {minimum} characters long.',
    pt: 'Deve ter pelo menos {minimum} caracteres.',
  },
  too_big_string: {
    es: 'Debe tener como máximo {maximum} caracteres.',
    en: 'Must be at most {maximum} characters long.',
    pt: 'Deve ter no máximo {maximum} caracteres.',
  },
  too_small_array: {
    es: 'Debe contener al menos {minimum} elementos.',
    en: 'Must contain at least {minimum} items.',
    pt: 'Deve conter pelo menos {minimum} itens.',
  },
  too_big_array: {
    es: 'Debe contener como máximo {maximum} elementos.',
    en: 'Must contain at most {maximum} items.',
    pt: 'Deve conter no máximo {maximum} itens.',
  },
  too_small: { es: 'Debe ser al menos {minimum}.', en: 'Must be at least {minimum}.', pt: 'Deve ser pelo menos {minimum}.' },
  too_big: { es: 'Debe ser como máximo {maximum}.', en: 'Must be at most {maximum}.', pt: 'Deve ser no máximo {maximum}.' },
  invalid_format: {
    es: 'Formato no válido ({format}).',
    en: 'Invalid format ({format}).',
    pt: 'Formato inválido ({format}).',
  },
  invalid_value: {
    es: 'Valor no válido. Opciones: {options}.',
    en: 'Invalid value. Options: {options}.',
    pt: 'Valor inválido. Opções: {options}.',
  },
  unrecognized_keys: {
    es: 'Campos no reconocidos: {keys}.',
    en: 'Unrecognized fields: {keys}.',
    pt: 'Campos não reconhecidos: {keys}.',
  },
  invalid: { es: 'Valor no válido.', en: 'Invalid value.', pt: 'Valor inválido.' },
  already_exists: {
    es: 'Ya está en uso; elija otro valor.',
    en: 'Already in use; choose another value.',
    pt: 'Já está em uso; escolha outro valor.',
  },
  country_code: {
    es: 'Debe ser un código de país ISO 3166-1 alfa-2 (p. ej. CL, GT, BR).',
    en: 'Must be an ISO 3166-1 alpha-2 country code (e.g. CL, GT, BR).',
    pt: 'Deve ser um código de país ISO 3166-1 alfa-2 (ex.: CL, GT, BR).',
  },
  'geojson.ring_not_closed': {
    es: 'Cada anillo del polígono debe cerrarse (primer y último punto iguales).',
    en: 'Each polygon ring must be closed (first and last positions equal).',
    pt: 'Cada anel do polígono deve ser fechado (primeiro e último pontos iguais).',
  },
  'geojson.invalid_geometry': {
    es: 'Geometría no válida: {reason}.',
    en: 'Invalid geometry: {reason}.',
    pt: 'Geometria inválida: {reason}.',
  },
  'geojson.longitude': {
    es: 'La longitud debe estar entre -180 y 180.',
    en: 'Longitude must be between -180 and 180.',
    pt: 'A longitude deve estar entre -180 e 180.',
  },
  'geojson.latitude': {
    es: 'La latitud debe estar entre -90 y 90.',
    en: 'Latitude must be between -90 and 90.',
    pt: 'A latitude deve estar entre -90 e 90.',
  },
  weak_password: {
    es: 'La contraseña debe tener al menos {minimum} caracteres.',
    en: 'The password must be at least {minimum} characters long.',
    pt: 'A senha deve ter pelo menos {minimum} caracteres.',
  },
  not_a_member: {
    es: 'No pertenece a esta organización con un rol que permita escribir.',
    en: 'You do not belong to this organisation with a role that may write.',
    pt: 'Você não pertence a esta organização com um papel que permita escrever.',
  },
  'routing.no_jurisdiction': {
    es: 'Esta organización no tiene jurisdicción registrada; use el alcance «en cualquier lugar».',
    en: 'This organisation has no jurisdiction on record; use the scope "anywhere".',
    pt: 'Esta organização não tem jurisdição registrada; use o escopo «em qualquer lugar».',
  },
  'routing.conduct_needs_oversight': {
    es: 'Las denuncias sobre conducta policial solo pueden asignarse a un órgano de control.',
    en: 'Police-conduct feedback can only be assigned to an oversight body.',
    pt: 'Manifestações sobre conduta policial só podem ser atribuídas a um órgão de controle.',
  },
  unknown_reference: {
    es: 'Referencia desconocida: {id}.',
    en: 'Unknown reference: {id}.',
    pt: 'Referência desconhecida: {id}.',
  },
  recipients_only_for_red: {
    es: 'Solo los registros TLP:RED tienen destinatarios nominales.',
    en: 'Only TLP:RED records have named recipients.',
    pt: 'Somente registros TLP:RED têm destinatários nominais.',
  },
  groups_only_for_amber: {
    es: 'Solo los registros TLP:AMBER se comparten con grupos.',
    en: 'Only TLP:AMBER records are shared with groups.',
    pt: 'Somente registros TLP:AMBER são compartilhados com grupos.',
  },
  tile_out_of_range: {
    es: 'Fuera de la cuadrícula de teselas: en este nivel de zoom va de 0 a {max}.',
    en: 'Outside the tile grid: at this zoom level it runs from 0 to {max}.',
    pt: 'Fora da grade de blocos: neste nível de zoom vai de 0 a {max}.',
  },
  invalid_scope: {
    es: 'Alcance desconocido: {scope}.',
    en: 'Unknown scope: {scope}.',
    pt: 'Escopo desconhecido: {scope}.',
  },
};

export function translate(key: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[key]?.[locale] ?? MESSAGES[key]?.en ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
