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
  'iccs.invalid_code': {
    es: 'Debe ser un código ICCS de 2, 4, 5 o 6 dígitos (p. ej. 05, 0501, 05012).',
    en: 'Must be an ICCS code of 2, 4, 5 or 6 digits (e.g. 05, 0501, 05012).',
    pt: 'Deve ser um código ICCS de 2, 4, 5 ou 6 dígitos (ex.: 05, 0501, 05012).',
  },
  'iccs.unknown_code': {
    es: 'El código ICCS {code} no pertenece a ninguna categoría conocida.',
    en: 'The ICCS code {code} belongs to no known category.',
    pt: 'O código ICCS {code} não pertence a nenhuma categoria conhecida.',
  },
  'incidents.to_before_from': {
    es: 'El fin del intervalo no puede ser anterior a su inicio.',
    en: 'The end of the window cannot be before its start.',
    pt: 'O fim do intervalo não pode ser anterior ao seu início.',
  },
  'incidents.bbox_format': {
    es: 'Debe ser minLon,minLat,maxLon,maxLat en WGS 84, con el mínimo antes del máximo.',
    en: 'Must be minLon,minLat,maxLon,maxLat in WGS 84, minimum before maximum.',
    pt: 'Deve ser minLon,minLat,maxLon,maxLat em WGS 84, com o mínimo antes do máximo.',
  },
  'imports.unsupported_crs': {
    es: 'El sistema de coordenadas {crs} aún no se puede importar; use longitud/latitud WGS 84 (EPSG:4326).',
    en: 'The coordinate reference system {crs} cannot be imported yet; use WGS 84 longitude/latitude (EPSG:4326).',
    pt: 'O sistema de coordenadas {crs} ainda não pode ser importado; use longitude/latitude WGS 84 (EPSG:4326).',
  },
  'imports.missing_column': {
    es: 'El archivo no tiene la columna «{column}».',
    en: 'The file has no column "{column}".',
    pt: 'O arquivo não tem a coluna «{column}».',
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
  'triage.closure_reason_required': {
    es: 'Indique el motivo del cierre.',
    en: 'Give the reason for closing.',
    pt: 'Informe o motivo do encerramento.',
  },
  'triage.duplicate_of_required': {
    es: 'Un cierre por duplicado indica el reporte original, y solo entonces.',
    en: 'A closure as duplicate names the original report, and only then.',
    pt: 'Um encerramento por duplicidade indica o relato original, e só então.',
  },
  'triage.closure_reason_only_when_closed': {
    es: 'El motivo de cierre solo se indica al cerrar.',
    en: 'A closure reason is given only when closing.',
    pt: 'O motivo de encerramento só é informado ao encerrar.',
  },
  'triage.one_responsible': {
    es: 'Solo una organización puede ser la responsable.',
    en: 'Only one organisation can be responsible.',
    pt: 'Somente uma organização pode ser a responsável.',
  },
  'triage.recipient_twice': {
    es: 'Cada organización figura una sola vez.',
    en: 'Each organisation appears only once.',
    pt: 'Cada organização aparece uma única vez.',
  },
  'triage.invalid_transition': {
    es: 'No se puede pasar de «{from}» a «{to}».',
    en: 'A report cannot go from "{from}" to "{to}".',
    pt: 'Não é possível passar de «{from}» para «{to}».',
  },
  'triage.closed': {
    es: 'El reporte está cerrado; reábralo primero.',
    en: 'The report is closed; reopen it first.',
    pt: 'O relato está encerrado; reabra-o primeiro.',
  },
  'triage.concerned_unit': {
    es: 'La unidad a la que se refiere la denuncia nunca la recibe.',
    en: 'The unit the feedback is about never receives it.',
    pt: 'A unidade a que a manifestação se refere nunca a recebe.',
  },
  'category.code_format': {
    es: 'Código de 2 a 40 letras minúsculas, cifras o guiones bajos, empezando por una letra.',
    en: 'A code of 2 to 40 lowercase letters, digits or underscores, starting with a letter.',
    pt: 'Um código de 2 a 40 letras minúsculas, dígitos ou sublinhados, começando por uma letra.',
  },
  'category.conduct_code': {
    es: 'Las categorías de conducta policial son «commendation» o empiezan por «complaint_».',
    en: 'Police-conduct categories are "commendation" or start with "complaint_".',
    pt: 'As categorias de conduta policial são «commendation» ou começam por «complaint_».',
  },
  'category.iccs_format': {
    es: 'Un código ICCS tiene de 2 a 6 cifras (p. ej. 0601).',
    en: 'An ICCS code has 2 to 6 digits (e.g. 0601).',
    pt: 'Um código ICCS tem de 2 a 6 dígitos (ex.: 0601).',
  },
  'category.iccs_unknown': {
    es: 'La sección ICCS de {code} no existe.',
    en: 'The ICCS section of {code} does not exist.',
    pt: 'A seção ICCS de {code} não existe.',
  },
  'triage.statistics_only': {
    es: 'Quien envió esta opinión solo permitió contarla en las estadísticas: no se deriva.',
    en: 'The sender allowed this feedback only to be counted in statistics: it is not forwarded.',
    pt: 'Quem enviou esta manifestação só permitiu contá-la nas estatísticas: ela não é encaminhada.',
  },
  'triage.no_receipt': {
    es: 'Este reporte no tiene recibo: su autor no puede leer mensajes. Use las notas de estado públicas.',
    en: 'This report has no receipt: its author cannot read messages. Use public status notes.',
    pt: 'Este relato não tem recibo: seu autor não pode ler mensagens. Use as notas de status públicas.',
  },
  location_required: {
    es: 'Marque el lugar en el mapa o escriba una dirección.',
    en: 'Mark the place on the map or write an address.',
    pt: 'Marque o lugar no mapa ou escreva um endereço.',
  },
  'place.received': {
    es: 'Reporte recibido con el número {number}. Su estado es público: puede consultarlo con ese número.',
    en: 'Report received with number {number}. Its status is public: look it up with that number.',
    pt: 'Relato recebido com o número {number}. O status é público: consulte-o com esse número.',
  },
  'place.pending_review': {
    es: 'La descripción y la dirección se publican cuando el equipo de coordinación haya revisado el reporte.',
    en: 'The description and address are published once the coordination team has reviewed the report.',
    pt: 'A descrição e o endereço são publicados depois que a equipe de coordenação revisar o relato.',
  },
  'place.status.received': { es: 'Recibido; pendiente de revisión.', en: 'Received; awaiting review.', pt: 'Recebido; aguardando revisão.' },
  'place.status.triaged': { es: 'En revisión por el equipo de coordinación.', en: 'Being reviewed by the coordination team.', pt: 'Em revisão pela equipe de coordenação.' },
  'place.status.forwarded': { es: 'Derivado a la institución responsable.', en: 'Forwarded to the responsible institution.', pt: 'Encaminhado à instituição responsável.' },
  'place.status.in_action': { es: 'La institución responsable está actuando.', en: 'The responsible institution is acting on it.', pt: 'A instituição responsável está atuando.' },
  'place.closed.actioned': { es: 'Cerrado: se tomaron medidas.', en: 'Closed: action was taken.', pt: 'Encerrado: foram tomadas medidas.' },
  'place.closed.insufficient_information': {
    es: 'Cerrado: la información no alcanzó para actuar.',
    en: 'Closed: there was not enough information to act on.',
    pt: 'Encerrado: as informações não bastaram para agir.',
  },
  'place.closed.duplicate': { es: 'Cerrado: duplicado de otro reporte.', en: 'Closed: duplicate of another report.', pt: 'Encerrado: duplicado de outro relato.' },
  'place.closed.duplicate_of': { es: 'Cerrado: duplicado del reporte {number}.', en: 'Closed: duplicate of report {number}.', pt: 'Encerrado: duplicado do relato {number}.' },
  'place.closed.unfounded': { es: 'Cerrado: no se confirmó el problema.', en: 'Closed: the problem was not confirmed.', pt: 'Encerrado: o problema não foi confirmado.' },
  'open311.contact': {
    es: 'Equipo de coordinación de la instalación de Alianza en {host}.',
    en: 'Coordination team of the Alianza deployment at {host}.',
    pt: 'Equipe de coordenação da instalação do Alianza em {host}.',
  },
  'open311.key_service': {
    es: 'No se necesita clave: api_key es opcional, se ignora y no se guarda. Los reportes son anónimos y se limitan por dirección de red sin guardarla.',
    en: 'No key is needed: api_key is optional, ignored and not stored. Reports are anonymous and limited per network address without storing it.',
    pt: 'Não é preciso chave: api_key é opcional, ignorada e não armazenada. Os relatos são anônimos e limitados por endereço de rede sem armazená-lo.',
  },
  'open311.privacy': {
    es: 'Privacidad: email, phone, first_name, last_name, device_id, account_id, media_url y los atributos no se guardan; tampoco la dirección IP ni el navegador, y la hora solo con precisión de una hora. Se exige description y lat/long o address_string. La descripción y la dirección se publican tras la revisión; la ubicación, redondeada a unos {metres} m.',
    en: 'Privacy: email, phone, first_name, last_name, device_id, account_id, media_url and attributes are not stored; nor is the IP address or browser, and times only to the hour. description and lat/long or address_string are required. The description and address are published after review; the location rounded to about {metres} m.',
    pt: 'Privacidade: email, phone, first_name, last_name, device_id, account_id, media_url e os atributos não são armazenados; nem o endereço IP ou o navegador, e o horário só com precisão de uma hora. description e lat/long ou address_string são obrigatórios. A descrição e o endereço são publicados após a revisão; a localização, arredondada para cerca de {metres} m.',
  },
  'open311.group': { es: 'Lugares inseguros', en: 'Unsafe places', pt: 'Lugares inseguros' },
  'open311.location_required': {
    es: 'Indique lat y long, o address_string.',
    en: 'Give lat and long, or address_string.',
    pt: 'Informe lat e long, ou address_string.',
  },
  'open311.coordinates': {
    es: 'lat y long deben ser números (WGS 84) y enviarse juntos.',
    en: 'lat and long must be numbers (WGS 84) sent together.',
    pt: 'lat e long devem ser números (WGS 84) enviados juntos.',
  },
  'open311.unknown_service': { es: 'Servicio desconocido: {code}.', en: 'Unknown service: {code}.', pt: 'Serviço desconhecido: {code}.' },
  'open311.request_not_found': { es: 'No existe la solicitud {id}.', en: 'There is no request {id}.', pt: 'Não existe a solicitação {id}.' },
  'open311.datetime': {
    es: 'Fecha no válida: use ISO 8601 con zona horaria, p. ej. 2026-01-31T00:00:00Z.',
    en: 'Invalid date: use ISO 8601 with a time zone, e.g. 2026-01-31T00:00:00Z.',
    pt: 'Data inválida: use ISO 8601 com fuso horário, ex.: 2026-01-31T00:00:00Z.',
  },
  'open311.date_range': {
    es: 'start_date debe ser anterior a end_date y el intervalo no puede superar {days} días.',
    en: 'start_date must come before end_date, at most {days} days apart.',
    pt: 'start_date deve ser anterior a end_date, com no máximo {days} dias de intervalo.',
  },
  'open311.status': {
    es: 'status debe ser open, closed o ambos separados por coma.',
    en: 'status must be open, closed, or both separated by a comma.',
    pt: 'status deve ser open, closed ou ambos separados por vírgula.',
  },
  'open311.request_ids': {
    es: 'service_request_id debe ser una lista de números separados por coma.',
    en: 'service_request_id must be a comma-separated list of numbers.',
    pt: 'service_request_id deve ser uma lista de números separados por vírgula.',
  },
  'open311.media_type': {
    es: 'Tipo de contenido no admitido: {type}. Use application/x-www-form-urlencoded (o application/json).',
    en: 'Unsupported content type: {type}. Use application/x-www-form-urlencoded (or application/json).',
    pt: 'Tipo de conteúdo não suportado: {type}. Use application/x-www-form-urlencoded (ou application/json).',
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

  // Proof of work for anonymous submissions (platform/anonymity/proof-of-work.ts).
  PROOF_OF_WORK_REQUIRED: {
    es: 'Por el volumen de envíos, este formulario necesita una breve comprobación automática. Obtenga un desafío en /api/v1/challenge, resuélvalo y vuelva a enviar.',
    en: 'Because of heavy traffic, this form needs a short automatic check. Get a challenge from /api/v1/challenge, solve it and send again.',
    pt: 'Devido ao volume de envios, este formulário precisa de uma breve verificação automática. Obtenha um desafio em /api/v1/challenge, resolva-o e envie novamente.',
  },
  PROOF_OF_WORK_INVALID: {
    es: 'La comprobación automática no es válida. Obtenga un desafío nuevo y vuelva a enviar.',
    en: 'The automatic check is not valid. Get a new challenge and send again.',
    pt: 'A verificação automática não é válida. Obtenha um novo desafio e envie novamente.',
  },
  'proof_of_work.invalid': {
    es: 'La solución no corresponde a un desafío emitido por este servidor.',
    en: 'The solution does not match a challenge issued by this server.',
    pt: 'A solução não corresponde a um desafio emitido por este servidor.',
  },
  'proof_of_work.expired': {
    es: 'El desafío expiró.',
    en: 'The challenge has expired.',
    pt: 'O desafio expirou.',
  },
  'proof_of_work.reused': {
    es: 'Este desafío ya fue usado; cada envío necesita uno nuevo.',
    en: 'This challenge was already used; each submission needs a new one.',
    pt: 'Este desafio já foi usado; cada envio precisa de um novo.',
  },
  'proof_of_work.too_easy': {
    es: 'El desafío es más fácil que la dificultad exigida ahora.',
    en: 'The challenge is easier than the difficulty now required.',
    pt: 'O desafio é mais fácil do que a dificuldade exigida agora.',
  },

  // Police-conduct feedback (modules/conduct).
  'conduct.keep_receipt': {
    es: 'Guarde el número de recibo y la frase de acceso: son la única forma de seguir su comentario y responder al órgano de control. No se mostrarán de nuevo.',
    en: 'Keep the receipt number and passphrase: they are the only way to follow your feedback and answer the oversight body. They will not be shown again.',
    pt: 'Guarde o número do recibo e a frase de acesso: são a única forma de acompanhar sua manifestação e responder ao órgão de controle. Não serão mostrados novamente.',
  },
  'conduct.unknown_unit': {
    es: 'Elija una unidad policial de la lista.',
    en: 'Choose a police unit from the list.',
    pt: 'Escolha uma unidade policial da lista.',
  },
  'conduct.unknown_consent': {
    es: 'Elija una de las opciones de consentimiento: public, public_without_names, anonymous o statistics_only.',
    en: 'Choose one of the consent options: public, public_without_names, anonymous or statistics_only.',
    pt: 'Escolha uma das opções de consentimento: public, public_without_names, anonymous ou statistics_only.',
  },
  'conduct.month_range': {
    es: 'El mes inicial debe ser anterior o igual al final.',
    en: 'The first month must not be after the last.',
    pt: 'O mês inicial não pode ser posterior ao final.',
  },
  'operations.position_format': {
    es: 'Debe ser una posición del flujo de operaciones: el id del último evento recibido (un número entero).',
    en: 'Must be a position of the operations feed: the id of the last event received (a whole number).',
    pt: 'Deve ser uma posição do fluxo de operações: o id do último evento recebido (um número inteiro).',
  },
  'bulletins.until_before_from': {
    es: 'El fin de la vigencia debe ser posterior a su inicio.',
    en: 'The end of validity must be after its start.',
    pt: 'O fim da validade deve ser posterior ao seu início.',
  },
};

export function translate(key: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[key]?.[locale] ?? MESSAGES[key]?.en ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
