-- Unsafe-place reports: conditions of a place that make crime easier, reported publicly and
-- exposed as Open311 GeoReport v2 services. They are not crimes, so no ICCS code. The short
-- descriptions are the Open311 service descriptions (NULL: the name is used).
ALTER TABLE report_categories
  ADD COLUMN description_es text CHECK (length(description_es) <= 500),
  ADD COLUMN description_en text CHECK (length(description_en) <= 500),
  ADD COLUMN description_pt text CHECK (length(description_pt) <= 500);

INSERT INTO report_categories (code, channel, name_es, name_en, name_pt, description_es, description_en, description_pt) VALUES
  ('broken_lighting', 'unsafe_place',
   'Alumbrado público dañado', 'Broken street lighting', 'Iluminação pública com defeito',
   'Farolas apagadas, rotas o que parpadean en calles, plazas o paradas.',
   'Street lights that are off, broken or flickering in streets, squares or stops.',
   'Postes apagados, quebrados ou piscando em ruas, praças ou pontos de ônibus.'),
  ('abandoned_building', 'unsafe_place',
   'Edificio o terreno abandonado', 'Abandoned building or lot', 'Imóvel ou terreno abandonado',
   'Casas, locales o terrenos vacíos y sin cierre donde se puede entrar.',
   'Empty, unsecured houses, premises or lots that anyone can enter.',
   'Casas, lojas ou terrenos vazios e sem fechamento onde qualquer pessoa pode entrar.'),
  ('unsafe_path', 'unsafe_place',
   'Camino o paso inseguro', 'Unsafe path or passage', 'Caminho ou passagem insegura',
   'Pasajes, puentes peatonales o senderos aislados, oscuros o sin visibilidad.',
   'Isolated, dark or hidden passages, footbridges or paths.',
   'Passagens, passarelas ou trilhas isoladas, escuras ou sem visibilidade.'),
  ('graffiti_markings', 'unsafe_place',
   'Grafitis o marcas territoriales', 'Graffiti or territorial markings', 'Pichações ou marcas territoriais',
   'Pintadas o señales que marcan territorio o intimidan a los vecinos.',
   'Graffiti or signs that mark territory or intimidate residents.',
   'Pichações ou sinais que marcam território ou intimidam os moradores.'),
  ('illegal_dumping', 'unsafe_place',
   'Basural o vertido ilegal', 'Illegal dumping', 'Descarte ilegal de lixo',
   'Basura o escombros abandonados en la vía pública o en terrenos.',
   'Rubbish or rubble dumped in public spaces or on lots.',
   'Lixo ou entulho abandonado em vias públicas ou terrenos.');
