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

  // Incident imports (modules/imports): whole-file problems found before any row is written.
  'imports.unknown_crs': {
    es: 'El sistema de coordenadas «{crs}» no es uno de los códigos EPSG que Alianza conoce (p. ej. EPSG:4326, EPSG:3857, EPSG:9377, EPSG:31983).',
    en: 'The coordinate reference system "{crs}" is not one of the EPSG codes Alianza knows (e.g. EPSG:4326, EPSG:3857, EPSG:9377, EPSG:31983).',
    pt: 'O sistema de coordenadas «{crs}» não é um dos códigos EPSG que o Alianza conhece (p. ex. EPSG:4326, EPSG:3857, EPSG:9377, EPSG:31983).',
  },
  'imports.missing_column': {
    es: 'El archivo no tiene la columna «{column}». Columnas del archivo: {columns}.',
    en: 'The file has no column "{column}". The file\'s columns: {columns}.',
    pt: 'O arquivo não tem a coluna «{column}». Colunas do arquivo: {columns}.',
  },
  'imports.wrong_delimiter': {
    es: 'La primera línea es una sola columna que contiene «{found}»: el archivo parece separado por «{found}», no por el separador del perfil.',
    en: 'The first line is a single column containing "{found}": the file looks separated by "{found}", not by the profile\'s delimiter.',
    pt: 'A primeira linha é uma única coluna que contém «{found}»: o arquivo parece separado por «{found}», não pelo separador do perfil.',
  },
  'imports.empty_file': {
    es: 'El archivo está vacío.',
    en: 'The file is empty.',
    pt: 'O arquivo está vazio.',
  },
  'imports.no_records': {
    es: 'El archivo no tiene registros después de la cabecera.',
    en: 'The file has no records after its header.',
    pt: 'O arquivo não tem registros depois do cabeçalho.',
  },
  'imports.unparseable_dates': {
    es: 'La columna «{column}» no tiene fechas en el formato {format} ({count} de {sampled} valores revisados, p. ej. «{example}»), ni en otro formato conocido.',
    en: 'Column "{column}" does not hold dates in the format {format} ({count} of {sampled} values checked, e.g. "{example}"), nor in any other known format.',
    pt: 'A coluna «{column}» não tem datas no formato {format} ({count} de {sampled} valores verificados, p. ex. «{example}»), nem em outro formato conhecido.',
  },
  'imports.date_format_mismatch': {
    es: 'La columna «{column}» no tiene fechas en el formato {format} ({count} de {sampled} valores revisados, p. ej. «{example}»); parecen estar en el formato {suggestion}.',
    en: 'Column "{column}" does not hold dates in the format {format} ({count} of {sampled} values checked, e.g. "{example}"); they look like {suggestion}.',
    pt: 'A coluna «{column}» não tem datas no formato {format} ({count} de {sampled} valores verificados, p. ex. «{example}»); parecem estar no formato {suggestion}.',
  },
  'imports.swapped_axes': {
    es: 'Las columnas «{x}» y «{y}» parecen intercambiadas: {outside} de {sampled} puntos revisados quedan fuera de la jurisdicción en {crs}, y al intercambiar los ejes caen dentro.',
    en: 'Columns "{x}" and "{y}" look swapped: {outside} of {sampled} points checked fall outside the jurisdiction in {crs}, and inside it with the axes exchanged.',
    pt: 'As colunas «{x}» e «{y}» parecem trocadas: {outside} de {sampled} pontos verificados ficam fora da jurisdição em {crs}, e dentro dela com os eixos trocados.',
  },
  'imports.swapped_axes_area': {
    es: 'Las columnas «{x}» y «{y}» parecen intercambiadas: {outside} de {sampled} puntos revisados quedan fuera del área de uso de {crs} ({crsName}), y al intercambiar los ejes caen dentro.',
    en: 'Columns "{x}" and "{y}" look swapped: {outside} of {sampled} points checked fall outside the area of use of {crs} ({crsName}), and inside it with the axes exchanged.',
    pt: 'As colunas «{x}» e «{y}» parecem trocadas: {outside} de {sampled} pontos verificados ficam fora da área de uso de {crs} ({crsName}), e dentro dela com os eixos trocados.',
  },
  'imports.outside_jurisdiction': {
    es: '{outside} de {sampled} puntos revisados quedan fuera de la jurisdicción de la organización si se leen en {crs} ({crsName}). ¿Es ese el sistema de coordenadas del archivo?',
    en: '{outside} of {sampled} points checked fall outside the organisation\'s jurisdiction when read in {crs} ({crsName}). Is that the file\'s coordinate reference system?',
    pt: '{outside} de {sampled} pontos verificados ficam fora da jurisdição da organização quando lidos em {crs} ({crsName}). É esse o sistema de coordenadas do arquivo?',
  },
  'imports.outside_area_of_use': {
    es: '{outside} de {sampled} puntos revisados quedan fuera del área de uso de {crs} ({crsName}). ¿Es ese el sistema de coordenadas del archivo?',
    en: '{outside} of {sampled} points checked fall outside the area of use of {crs} ({crsName}). Is that the file\'s coordinate reference system?',
    pt: '{outside} de {sampled} pontos verificados ficam fora da área de uso de {crs} ({crsName}). É esse o sistema de coordenadas do arquivo?',
  },
  'imports.looks_like_degrees': {
    es: 'Los valores de «{x}» y «{y}» parecen grados de longitud y latitud: pruebe EPSG:4326.',
    en: 'The values of "{x}" and "{y}" look like degrees of longitude and latitude: try EPSG:4326.',
    pt: 'Os valores de «{x}» e «{y}» parecem graus de longitude e latitude: tente EPSG:4326.',
  },
  'imports.looks_projected': {
    es: 'Los valores de «{x}» y «{y}» no son grados: parecen coordenadas proyectadas (metros o pies); elija el código EPSG de su proyección.',
    en: 'The values of "{x}" and "{y}" are not degrees: they look like projected coordinates (metres or feet); choose the EPSG code of their projection.',
    pt: 'Os valores de «{x}» e «{y}» não são graus: parecem coordenadas projetadas (metros ou pés); escolha o código EPSG da projeção.',
  },
  'imports.missing_property': {
    es: 'Ninguno de los {sampled} primeros elementos del archivo tiene la propiedad «{property}».',
    en: 'None of the first {sampled} features of the file has the property "{property}".',
    pt: 'Nenhuma das {sampled} primeiras feições do arquivo tem a propriedade «{property}».',
  },
  'imports.not_running': {
    es: 'La importación ya terminó (estado: {state}).',
    en: 'The import has already ended (state: {state}).',
    pt: 'A importação já terminou (estado: {state}).',
  },
  'imports.crs_format': {
    es: 'Indique un código EPSG, p. ej. EPSG:2913.',
    en: 'Give an EPSG code, e.g. EPSG:2913.',
    pt: 'Informe um código EPSG, p. ex. EPSG:2913.',
  },
  'imports.owner_fixed': {
    es: 'Un perfil no cambia de organización.',
    en: 'A profile cannot move to another organisation.',
    pt: 'Um perfil não muda de organização.',
  },
  'imports.declared_crs_differs': {
    es: 'El archivo declara el sistema de coordenadas {declared}, pero el perfil indica {crs}.',
    en: 'The file declares the coordinate reference system {declared}, but the profile says {crs}.',
    pt: 'O arquivo declara o sistema de coordenadas {declared}, mas o perfil indica {crs}.',
  },
  'imports.row.missing_field': {
    es: 'Falta el valor de «{column}».',
    en: 'The value of "{column}" is missing.',
    pt: 'Falta o valor de «{column}».',
  },
  'imports.row.bad_date': {
    es: '«{column}» no es una fecha en el formato del perfil.',
    en: '"{column}" is not a date in the profile\'s format.',
    pt: '«{column}» não é uma data no formato do perfil.',
  },
  'imports.row.bad_coordinates': {
    es: 'Las coordenadas no son números o no se pueden proyectar a WGS 84.',
    en: 'The coordinates are not numbers or cannot be projected to WGS 84.',
    pt: 'As coordenadas não são números ou não podem ser projetadas para WGS 84.',
  },
  'imports.row.to_before_from': {
    es: '«{column}» es anterior al inicio del hecho.',
    en: '"{column}" is before the start of the occurrence.',
    pt: '«{column}» é anterior ao início da ocorrência.',
  },
  'imports.row.unmapped_category': {
    es: 'La categoría no tiene correspondencia ICCS en la organización: añádala a sus correspondencias de categorías.',
    en: 'The category has no ICCS mapping in the organisation: add it to its category mappings.',
    pt: 'A categoria não tem correspondência ICCS na organização: acrescente-a às correspondências de categorias.',
  },
  'imports.row.wrong_field_count': {
    es: 'La línea no tiene el mismo número de campos que la cabecera.',
    en: 'The line does not have as many fields as the header.',
    pt: 'A linha não tem o mesmo número de campos que o cabeçalho.',
  },
  'imports.row.too_long': {
    es: '«{column}» es demasiado largo.',
    en: '"{column}" is too long.',
    pt: '«{column}» é longo demais.',
  },
  'imports.row.unsupported_geometry': {
    es: 'La geometría no es un punto.',
    en: 'The geometry is not a point.',
    pt: 'A geometria não é um ponto.',
  },
  'imports.row.bad_feature': {
    es: 'El elemento no es un Feature GeoJSON válido (o pasa de 1 MB).',
    en: 'The element is not a valid GeoJSON Feature (or is over 1 MB).',
    pt: 'O elemento não é um Feature GeoJSON válido (ou passa de 1 MB).',
  },
  'imports.row.unterminated_quote': {
    es: 'Unas comillas abiertas no se cierran antes del final del archivo.',
    en: 'A quote opened here is not closed before the end of the file.',
    pt: 'Aspas abertas aqui não se fecham antes do fim do arquivo.',
  },
  'imports.row.database_refused': {
    es: 'La base de datos rechazó el registro.',
    en: 'The database refused the record.',
    pt: 'O banco de dados recusou o registro.',
  },
  'imports.unsupported_format': {
    es: 'No se pueden importar archivos en formato «{format}».',
    en: 'Files in the format "{format}" cannot be imported.',
    pt: 'Não é possível importar arquivos no formato «{format}».',
  },
  // Intelligence: entities, reports, links (modules/intel).
  'intel.grading_required': {
    es: 'Califique el informe: la fiabilidad de la fuente (A–F) y la credibilidad de la información (1–6) son obligatorias.',
    en: 'Grade the report: source reliability (A–F) and information credibility (1–6) are mandatory.',
    pt: 'Classifique o relatório: a confiabilidade da fonte (A–F) e a credibilidade da informação (1–6) são obrigatórias.',
  },
  'intel.handling_required': {
    es: 'Indique el código de manejo: P (se permite compartir) o C (se permite con condiciones).',
    en: 'State the handling code: P (sharing permitted) or C (permitted with conditions).',
    pt: 'Indique o código de tratamento: P (compartilhamento permitido) ou C (permitido com condições).',
  },
  'intel.conditions_required': {
    es: 'El código de manejo C exige escribir las condiciones.',
    en: 'Handling code C needs the conditions written out.',
    pt: 'O código de tratamento C exige que as condições sejam escritas.',
  },
  'intel.conditions_only_with_c': {
    es: 'Las condiciones de manejo solo acompañan al código C.',
    en: 'Handling conditions go only with code C.',
    pt: 'As condições de tratamento acompanham apenas o código C.',
  },
  'intel.country_code': {
    es: 'Use un código de país ISO 3166-1 de dos letras mayúsculas, p. ej. CO.',
    en: 'Use a two-letter upper-case ISO 3166-1 country code, e.g. CO.',
    pt: 'Use um código de país ISO 3166-1 de duas letras maiúsculas, p. ex. CO.',
  },
  'intel.currency_code': {
    es: 'Use un código de moneda ISO 4217 de tres letras, p. ej. USD.',
    en: 'Use a three-letter ISO 4217 currency code, e.g. USD.',
    pt: 'Use um código de moeda ISO 4217 de três letras, p. ex. USD.',
  },
  'intel.unit': {
    es: 'Unidad desconocida: g, kg, t, ml, l, units, tablets o un código de moneda ISO 4217.',
    en: 'Unknown unit: g, kg, t, ml, l, units, tablets or an ISO 4217 currency code.',
    pt: 'Unidade desconhecida: g, kg, t, ml, l, units, tablets ou um código de moeda ISO 4217.',
  },
  'intel.vehicle_needs_plate_or_vin': {
    es: 'Indique la matrícula o el número de chasis (VIN).',
    en: 'Give the plate or the vehicle identification number (VIN).',
    pt: 'Informe a placa ou o número do chassi (VIN).',
  },
  'intel.account_needs_number': {
    es: 'Indique el IBAN o el número de cuenta.',
    en: 'Give the IBAN or the account number.',
    pt: 'Informe o IBAN ou o número da conta.',
  },
  'intel.last_before_first': {
    es: 'La última observación no puede ser anterior a la primera.',
    en: 'Last seen cannot be before first seen.',
    pt: 'A última observação não pode ser anterior à primeira.',
  },
  'intel.type_immutable': {
    es: 'El tipo de una entidad no cambia (es {type}).',
    en: 'An entity\'s type does not change (it is {type}).',
    pt: 'O tipo de uma entidade não muda (é {type}).',
  },
  'intel.link_to_itself': {
    es: 'Un vínculo une dos entidades distintas.',
    en: 'A link joins two different entities.',
    pt: 'Um vínculo une duas entidades diferentes.',
  },
  'intel.link_type_mismatch': {
    es: 'Un vínculo {type} no puede ir de {source} a {target}.',
    en: 'A {type} link cannot go from {source} to {target}.',
    pt: 'Um vínculo {type} não pode ir de {source} a {target}.',
  },
  'intel.valid_to_before_from': {
    es: 'El fin de la validez no puede ser anterior a su inicio.',
    en: 'The end of validity cannot be before its start.',
    pt: 'O fim da validade não pode ser anterior ao seu início.',
  },
  // Crime analytics (modules/analytics).
  ANALYSIS_NOT_FINISHED: {
    es: 'Este análisis no tiene resultado.',
    en: 'This analysis has no result.',
    pt: 'Esta análise não tem resultado.',
  },
  'analytics.unknown_time_zone': {
    es: 'Zona horaria desconocida: use un nombre IANA, por ejemplo America/Bogota.',
    en: 'Unknown time zone: use an IANA name, e.g. America/Bogota.',
    pt: 'Fuso horário desconhecido: use um nome IANA, por exemplo America/Sao_Paulo.',
  },
  'analytics.breaks_increasing': {
    es: 'Los límites de las bandas deben ser crecientes.',
    en: 'Band breaks must increase.',
    pt: 'Os limites das faixas devem ser crescentes.',
  },
  'analytics.no_jurisdiction': {
    es: 'Esta organización no existe o no tiene jurisdicción.',
    en: 'This organisation does not exist or has no jurisdiction.',
    pt: 'Esta organização não existe ou não tem jurisdição.',
  },
  'analytics.invalid_polygon': {
    es: 'El polígono no es válido: {reason}.',
    en: 'The polygon is not valid: {reason}.',
    pt: 'O polígono não é válido: {reason}.',
  },
  'analytics.duplicate_unit': {
    es: 'Esta unidad ya figura en la lista.',
    en: 'This unit is already in the list.',
    pt: 'Esta unidade já está na lista.',
  },
  'analytics.empty_selection': {
    es: 'Ningún incidente que usted pueda ver coincide con estos filtros: no hay nada que analizar.',
    en: 'No incident you may see matches these filters: there is nothing to analyse.',
    pt: 'Nenhum incidente que você pode ver corresponde a estes filtros: não há nada para analisar.',
  },
  'analytics.outside_utm': {
    es: 'El área está demasiado cerca de un polo para medir en metros (UTM cubre de 80° S a 84° N).',
    en: 'The area is too close to a pole to measure in metres (UTM covers 80° S to 84° N).',
    pt: 'A área está perto demais de um polo para medir em metros (UTM cobre de 80° S a 84° N).',
  },
  'analytics.extent_too_wide': {
    es: 'El área es demasiado extensa para una sola proyección local: las distancias se deformarían un {percent} %. Analice una región más pequeña.',
    en: 'The area is too wide for one local projection: distances would be off by {percent} %. Analyse a smaller region.',
    pt: 'A área é extensa demais para uma única projeção local: as distâncias seriam distorcidas em {percent} %. Analise uma região menor.',
  },
  'analytics.pixel_above_bandwidth': {
    es: 'El tamaño del píxel no puede superar el ancho de banda ({bandwidth} m).',
    en: 'The pixel size cannot exceed the bandwidth ({bandwidth} m).',
    pt: 'O tamanho do pixel não pode exceder a largura de banda ({bandwidth} m).',
  },
  'analytics.too_many_incidents': {
    es: 'La selección tiene {size} incidentes; el límite es {limit}. Acote los filtros.',
    en: 'The selection has {size} incidents; the limit is {limit}. Narrow the filters.',
    pt: 'A seleção tem {size} incidentes; o limite é {limit}. Restrinja os filtros.',
  },
  'analytics.too_many_cells': {
    es: 'La cuadrícula tendría {size} celdas (por ventanas de tiempo); el límite es {limit}. Use celdas más grandes o un área o período menor.',
    en: 'The grid would have {size} cells (times time windows); the limit is {limit}. Use larger cells or a smaller area or period.',
    pt: 'A grade teria {size} células (vezes janelas de tempo); o limite é {limit}. Use células maiores ou uma área ou período menor.',
  },
  'analytics.too_many_windows': {
    es: 'Serían {size} ventanas de tiempo; el límite es {limit}. Elija ventanas más largas o un período menor.',
    en: 'That would be {size} time windows; the limit is {limit}. Choose longer windows or a shorter period.',
    pt: 'Seriam {size} janelas de tempo; o limite é {limit}. Escolha janelas mais longas ou um período menor.',
  },
  'analytics.too_many_units': {
    es: 'Serían {size} unidades espaciales; el límite es {limit}. Use celdas más grandes o un área menor.',
    en: 'That would be {size} spatial units; the limit is {limit}. Use larger cells or a smaller area.',
    pt: 'Seriam {size} unidades espaciais; o limite é {limit}. Use células maiores ou uma área menor.',
  },
  'analytics.too_many_permutation_draws': {
    es: 'Las permutaciones pedirían {size} sorteos; el límite es {limit}. Pida menos permutaciones o menos unidades.',
    en: 'The permutations would take {size} draws; the limit is {limit}. Ask for fewer permutations or fewer units.',
    pt: 'As permutações exigiriam {size} sorteios; o limite é {limit}. Peça menos permutações ou menos unidades.',
  },
  'analytics.too_many_pixels': {
    es: 'El ráster tendría {size} píxeles; el límite es {limit}. Use píxeles más grandes o un área menor.',
    en: 'The raster would have {size} pixels; the limit is {limit}. Use larger pixels or a smaller area.',
    pt: 'O raster teria {size} pixels; o limite é {limit}. Use pixels maiores ou uma área menor.',
  },
  'analytics.too_many_kernel_pixels': {
    es: 'El núcleo cubriría {size} píxeles en cada punto; el límite es {limit}. Use un ancho de banda menor o píxeles más grandes.',
    en: 'The kernel would cover {size} pixels at every point; the limit is {limit}. Use a smaller bandwidth or larger pixels.',
    pt: 'O núcleo cobriria {size} pixels em cada ponto; o limite é {limit}. Use uma largura de banda menor ou pixels maiores.',
  },
  'analytics.too_many_events': {
    es: 'La prueba de Knox admite hasta {limit} incidentes; la selección tiene {size}. Acote los filtros.',
    en: 'The Knox test takes up to {limit} incidents; the selection has {size}. Narrow the filters.',
    pt: 'O teste de Knox aceita até {limit} incidentes; a seleção tem {size}. Restrinja os filtros.',
  },
  'analytics.too_many_pairs': {
    es: 'Pares cercanos por permutaciones: unos {size}; el límite es {limit}. Reduzca la distancia máxima o las permutaciones.',
    en: 'Close pairs times permutations: about {size}; the limit is {limit}. Reduce the largest distance or the permutations.',
    pt: 'Pares próximos vezes permutações: cerca de {size}; o limite é {limit}. Reduza a distância máxima ou as permutações.',
  },
  'analytics.too_many_rows': {
    es: 'La tabla de tendencias tendría {size} filas; el límite es {limit}. Divida por menos categorías o áreas, o use meses.',
    en: 'The trend table would have {size} rows; the limit is {limit}. Split by fewer categories or areas, or use months.',
    pt: 'A tabela de tendências teria {size} linhas; o limite é {limit}. Divida por menos categorias ou áreas, ou use meses.',
  },
  'analytics.too_many_runs_per_user': {
    es: 'Ya tiene {limit} análisis en curso. Espere a que terminen o cancele uno.',
    en: 'You already have {limit} analyses in progress. Wait for them to finish or cancel one.',
    pt: 'Você já tem {limit} análises em andamento. Aguarde o término ou cancele uma.',
  },
  'analytics.too_many_runs': {
    es: 'El servidor ya está calculando {limit} análisis. Vuelva a intentarlo en un momento.',
    en: 'The server is already computing {limit} analyses. Try again in a moment.',
    pt: 'O servidor já está calculando {limit} análises. Tente novamente em instantes.',
  },
  'analytics.timeout': {
    es: 'El análisis superó el tiempo máximo ({seconds} s) y se detuvo. Pida menos permutaciones o un área menor.',
    en: 'The analysis exceeded the time limit ({seconds} s) and was stopped. Ask for fewer permutations or a smaller area.',
    pt: 'A análise excedeu o tempo máximo ({seconds} s) e foi interrompida. Peça menos permutações ou uma área menor.',
  },
  'analytics.nothing_to_analyse': {
    es: 'No hay suficientes datos para este estadístico ({detail}).',
    en: 'Not enough data for this statistic ({detail}).',
    pt: 'Não há dados suficientes para esta estatística ({detail}).',
  },
  'analytics.no_variation': {
    es: 'Todas las unidades tienen el mismo número de incidentes: sin variación no hay puntos calientes ni fríos.',
    en: 'Every unit has the same number of incidents: without variation there are no hot or cold spots.',
    pt: 'Todas as unidades têm o mesmo número de incidentes: sem variação não há pontos quentes nem frios.',
  },
  'analytics.too_large_in_run': {
    es: 'El cálculo resultó demasiado grande y se detuvo antes de empezar ({detail}).',
    en: 'The computation turned out too large and was stopped before it began ({detail}).',
    pt: 'O cálculo ficou grande demais e foi interrompido antes de começar ({detail}).',
  },
  'analytics.invalid_argument': {
    es: 'Parámetro no válido ({detail}).',
    en: 'Invalid parameter ({detail}).',
    pt: 'Parâmetro inválido ({detail}).',
  },
  'analytics.run_queued': {
    es: 'El análisis todavía no empezó.',
    en: 'The analysis has not started yet.',
    pt: 'A análise ainda não começou.',
  },
  'analytics.run_running': {
    es: 'El análisis todavía está en curso.',
    en: 'The analysis is still in progress.',
    pt: 'A análise ainda está em andamento.',
  },
  'analytics.run_failed': {
    es: 'El análisis falló: no tiene resultado.',
    en: 'The analysis failed: it has no result.',
    pt: 'A análise falhou: não tem resultado.',
  },
  'analytics.run_cancelled': {
    es: 'El análisis fue cancelado: no tiene resultado.',
    en: 'The analysis was cancelled: it has no result.',
    pt: 'A análise foi cancelada: não tem resultado.',
  },
  'imports.unsupported_crs': {
    es: 'El sistema de coordenadas {crs} aún no se puede importar; use longitud/latitud WGS 84 (EPSG:4326).',
    en: 'The coordinate reference system {crs} cannot be imported yet; use WGS 84 longitude/latitude (EPSG:4326).',
    pt: 'O sistema de coordenadas {crs} ainda não pode ser importado; use longitude/latitude WGS 84 (EPSG:4326).',
  },
  // Identifiers and correlation (modules/correlation): each names the expected format.
  'identifier.phone': {
    es: 'No es un número de teléfono válido: escríbalo en forma internacional (+57 300 123 4567) o como número nacional de {country}.',
    en: 'Not a valid phone number: write it in international form (+57 300 123 4567) or as a national number of {country}.',
    pt: 'Não é um número de telefone válido: escreva-o na forma internacional (+55 11 91234 5678) ou como número nacional de {country}.',
  },
  'identifier.plate': {
    es: 'No es una matrícula de {country}: se espera un formato como {examples} (se ignoran espacios y guiones).',
    en: 'Not a plate of {country}: expected a format like {examples} (spaces and hyphens are ignored).',
    pt: 'Não é uma placa de {country}: espera-se um formato como {examples} (espaços e hífens são ignorados).',
  },
  'identifier.plate_country': {
    es: 'Indique el país de la matrícula (código ISO 3166-1, p. ej. CO).',
    en: 'Give the country of the plate (ISO 3166-1 code, e.g. CO).',
    pt: 'Informe o país da placa (código ISO 3166-1, p. ex. BR).',
  },
  'identifier.iban': {
    es: 'No es un IBAN: se esperan el código de país, dos dígitos de control y hasta 30 letras o dígitos, p. ej. ES91 2100 0418 4502 0005 1332.',
    en: 'Not an IBAN: expected a country code, two check digits and up to 30 letters or digits, e.g. DE89 3704 0044 0532 0130 00.',
    pt: 'Não é um IBAN: esperam-se o código do país, dois dígitos de controle e até 30 letras ou dígitos, p. ex. BR18 0036 0305 0000 1000 9795 493C 1.',
  },
  'identifier.iban_length': {
    es: 'Un IBAN de ese país tiene {expected} caracteres.',
    en: 'An IBAN of that country has {expected} characters.',
    pt: 'Um IBAN desse país tem {expected} caracteres.',
  },
  'identifier.iban_checksum': {
    es: 'Los dígitos de control del IBAN no coinciden (módulo 97): revise si hay un error de tipeo.',
    en: 'The IBAN check digits do not match (mod 97): look for a typing error.',
    pt: 'Os dígitos de controle do IBAN não conferem (módulo 97): verifique se há erro de digitação.',
  },
  'identifier.bank_account': {
    es: 'Se espera un número de cuenta de 4 a 34 letras y dígitos.',
    en: 'Expected an account number of 4 to 34 letters and digits.',
    pt: 'Espera-se um número de conta de 4 a 34 letras e dígitos.',
  },
  'identifier.card': {
    es: 'No es un número de tarjeta: se esperan 12 a 19 dígitos con dígito de control Luhn válido.',
    en: 'Not a card number: expected 12 to 19 digits with a valid Luhn check digit.',
    pt: 'Não é um número de cartão: esperam-se 12 a 19 dígitos com dígito verificador Luhn válido.',
  },
  'identifier.crypto_wallet': {
    es: 'No es una dirección de billetera válida: se espera Bitcoin (1…, 3… o bc1…, con suma de control válida) o Ethereum (0x y 40 dígitos hexadecimales, con la suma EIP-55 si mezcla mayúsculas).',
    en: 'Not a valid wallet address: expected Bitcoin (1…, 3… or bc1…, with a valid checksum) or Ethereum (0x and 40 hexadecimal digits, with the EIP-55 checksum if in mixed case).',
    pt: 'Não é um endereço de carteira válido: espera-se Bitcoin (1…, 3… ou bc1…, com soma de verificação válida) ou Ethereum (0x e 40 dígitos hexadecimais, com a soma EIP-55 se misturar maiúsculas).',
  },
  'identifier.imei': {
    es: 'No es un IMEI: se esperan 15 dígitos con dígito de control Luhn válido.',
    en: 'Not an IMEI: expected 15 digits with a valid Luhn check digit.',
    pt: 'Não é um IMEI: esperam-se 15 dígitos com dígito verificador Luhn válido.',
  },
  'identifier.document': {
    es: 'Se espera un número de documento de 4 a 20 letras y dígitos, con al menos un dígito.',
    en: 'Expected a document number of 4 to 20 letters and digits, with at least one digit.',
    pt: 'Espera-se um número de documento de 4 a 20 letras e dígitos, com ao menos um dígito.',
  },
  'identifier.vin': {
    es: 'No es un VIN: se esperan 17 letras y dígitos, sin I, O ni Q.',
    en: 'Not a VIN: expected 17 letters and digits, without I, O or Q.',
    pt: 'Não é um VIN: esperam-se 17 letras e dígitos, sem I, O ou Q.',
  },
  'identifier.container': {
    es: 'No es un número de contenedor ISO 6346: 4 letras (la cuarta U, J o Z) y 7 dígitos con dígito de control válido, p. ej. CSQU3054383.',
    en: 'Not an ISO 6346 container number: 4 letters (the fourth U, J or Z) and 7 digits with a valid check digit, e.g. CSQU3054383.',
    pt: 'Não é um número de contêiner ISO 6346: 4 letras (a quarta U, J ou Z) e 7 dígitos com dígito verificador válido, p. ex. CSQU3054383.',
  },
  'intel.group_lacks_requester': {
    es: 'El grupo de intercambio debe incluir a la organización que pidió el contacto.',
    en: 'The sharing group must include the organisation that asked for contact.',
    pt: 'O grupo de compartilhamento deve incluir a organização que pediu o contato.',
  },
  'intel.request_decided': {
    es: 'Esta solicitud de contacto ya fue respondida.',
    en: 'This contact request has already been answered.',
    pt: 'Esta solicitação de contato já foi respondida.',
  },
  'intel.request_exists': {
    es: 'Ya envió una solicitud de contacto por esta coincidencia.',
    en: 'You already sent a contact request for this hit.',
    pt: 'Você já enviou uma solicitação de contato para esta coincidência.',
  },
  'intel.merge_itself': {
    es: 'Una entidad no se fusiona consigo misma.',
    en: 'An entity is not merged with itself.',
    pt: 'Uma entidade não é mesclada consigo mesma.',
  },
  'intel.merge_other_type': {
    es: 'Solo se fusionan entidades del mismo tipo.',
    en: 'Only entities of the same type are merged.',
    pt: 'Só se mesclam entidades do mesmo tipo.',
  },
  'intel.merge_other_owner': {
    es: 'Solo se fusionan registros de una misma organización; vincule los de otra como «same_as».',
    en: 'Only records of one organisation are merged; link another organisation\'s record as "same_as".',
    pt: 'Só se mesclam registros de uma mesma organização; vincule os de outra como «same_as».',
  },
  'intel.already_merged': {
    es: 'Esta entidad ya está fusionada con otra.',
    en: 'This entity is already merged into another.',
    pt: 'Esta entidade já está mesclada com outra.',
  },
  'intel.already_unmerged': {
    es: 'Esta fusión ya fue deshecha.',
    en: 'This merge was already undone.',
    pt: 'Esta mesclagem já foi desfeita.',
  },

  // Link analysis (modules/graph).
  'graph.until_before_since': {
    es: 'El final de la ventana de tiempo (until) no puede ser anterior a su inicio (since).',
    en: 'The end of the time window (until) cannot be before its start (since).',
    pt: 'O fim da janela de tempo (until) não pode ser anterior ao seu início (since).',
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
