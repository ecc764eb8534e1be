-- The two events Entrada was asked for. Real dates; venue, times, ticket types and capacities of
-- the Telecommunications Night are our choice. No registration window: they stay open for trying
-- the system. Times are UTC (Spain is UTC+1 in November).

INSERT INTO events (id, version, published_version, name, venue, city, starts_at, ends_at, capacity, waiting_list,
                    registration_opens_at, registration_closes_at)
VALUES ('telecom-night-2017', 1, NULL,
        'VI Noche de las Telecomunicaciones de Castilla-La Mancha', 'Antiguo Casino de Ciudad Real', 'Ciudad Real',
        TIMESTAMP WITH TIME ZONE '2017-11-17 17:00:00+00:00', TIMESTAMP WITH TIME ZONE '2017-11-17 22:30:00+00:00',
        250, TRUE, NULL, NULL);

INSERT INTO event_names (event_id, locale, name) VALUES
  ('telecom-night-2017', 'es', 'VI Noche de las Telecomunicaciones de Castilla-La Mancha'),
  ('telecom-night-2017', 'en', 'VI Telecommunications Night of Castilla-La Mancha');

INSERT INTO ticket_types (event_id, code, name, capacity, position) VALUES
  ('telecom-night-2017', 'PROFESSIONAL', 'Profesional del sector TIC', NULL, 0),
  ('telecom-night-2017', 'STUDENT', 'Estudiante', 40, 1),
  ('telecom-night-2017', 'PRESS', 'Prensa', 15, 2);

INSERT INTO sessions (event_id, id, title, room, starts_at, ends_at, capacity, position) VALUES
  ('telecom-night-2017', 'industry-4-0', 'Sesión técnica: Fabricación Avanzada e Industria 4.0', 'Auditorio',
   TIMESTAMP WITH TIME ZONE '2017-11-17 17:30:00+00:00', TIMESTAMP WITH TIME ZONE '2017-11-17 18:15:00+00:00', NULL, 0),
  ('telecom-night-2017', 'expert-panel',
   'Mesa de expertos moderada por el Director General de Telecomunicaciones de Castilla-La Mancha', 'Auditorio',
   TIMESTAMP WITH TIME ZONE '2017-11-17 18:15:00+00:00', TIMESTAMP WITH TIME ZONE '2017-11-17 19:00:00+00:00', NULL, 1),
  ('telecom-night-2017', 'clusterfy', 'Presentación del proyecto ClusterFY', 'Auditorio',
   TIMESTAMP WITH TIME ZONE '2017-11-17 19:00:00+00:00', TIMESTAMP WITH TIME ZONE '2017-11-17 19:30:00+00:00', NULL, 2);

INSERT INTO checkpoints (event_id, id, name, kind, session_id, position) VALUES
  ('telecom-night-2017', 'main-door', 'Puerta principal', 'DOOR', NULL, 0),
  ('telecom-night-2017', 'auditorium', 'Auditorio', 'SESSION', NULL, 1);

-- Matches the golden sample EventPublished.json in event-contracts.
INSERT INTO events (id, version, published_version, name, venue, city, starts_at, ends_at, capacity, waiting_list,
                    registration_opens_at, registration_closes_at)
VALUES ('b2b-industrial-2017', 1, NULL,
        'III Encuentro B2B Industrial de Castilla-La Mancha', 'Recinto Ferial de Tomelloso', 'Tomelloso',
        TIMESTAMP WITH TIME ZONE '2017-11-23 08:30:00+00:00', TIMESTAMP WITH TIME ZONE '2017-11-23 18:00:00+00:00',
        310, TRUE, NULL, NULL);

INSERT INTO event_names (event_id, locale, name) VALUES
  ('b2b-industrial-2017', 'es', 'III Encuentro B2B Industrial de Castilla-La Mancha'),
  ('b2b-industrial-2017', 'en', '3rd Castilla-La Mancha B2B Industrial Meeting');

INSERT INTO ticket_types (event_id, code, name, capacity, position) VALUES
  ('b2b-industrial-2017', 'COMPANY', 'Empresa', NULL, 0),
  ('b2b-industrial-2017', 'RESEARCH', 'Grupo de investigación', 30, 1),
  ('b2b-industrial-2017', 'DELEGATION', 'Delegación internacional', 40, 2);

INSERT INTO sessions (event_id, id, title, room, starts_at, ends_at, capacity, position) VALUES
  ('b2b-industrial-2017', 'clusterfy',
   'ClusterFY: clústeres de innovación y transformación digital de la pyme industrial', 'Sala 1',
   TIMESTAMP WITH TIME ZONE '2017-11-23 09:30:00+00:00', TIMESTAMP WITH TIME ZONE '2017-11-23 10:30:00+00:00', 120, 0);

INSERT INTO checkpoints (event_id, id, name, kind, session_id, position) VALUES
  ('b2b-industrial-2017', 'entrance', 'Entrada', 'DOOR', NULL, 0),
  ('b2b-industrial-2017', 'session-room', 'Sala de sesiones', 'SESSION', 'clusterfy', 1),
  ('b2b-industrial-2017', 'b2b-area', 'Zona B2B', 'DOOR', NULL, 2);
