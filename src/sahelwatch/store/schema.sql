-- The whole sahelwatch store schema, in one place.
--
-- Everything above the first "-- migration:" line is the bootstrap; it runs on every open and must be
-- idempotent. Each "-- migration: NAME" block below runs once, in file order, inside a transaction, and its
-- NAME is then recorded in the migrations table. Never edit a released block: append a new one instead.
--
-- Records extracted from a document (events, relations, claims and their rows) are keyed by (doc_id, id):
-- two documents (e.g. wire copies) may yield the same content-hash id, and each keeps its own copy.
-- Actors are shared across documents and keyed by id alone.

create table if not exists migrations (
    name        varchar primary key,
    applied_at  timestamp not null
);

-- migration: 0001_initial

create table documents (
    id           varchar primary key,
    source       varchar,
    published    date,
    language     varchar not null default 'en',
    title        varchar,
    text         varchar not null,
    sha256       varchar not null,
    ingested_at  timestamp not null
);
create index documents_sha256 on documents (sha256);

create table actors (
    id          varchar primary key,
    name        varchar not null,
    acled_name  varchar,
    kind        varchar not null default 'unknown',
    country     varchar,
    in_kb       boolean not null default false
);

create table actor_aliases (
    actor_id  varchar not null,
    alias     varchar not null,
    primary key (actor_id, alias)
);

create table events (
    doc_id                varchar not null,
    id                    varchar not null,
    type                  varchar not null,
    acled_event_type      varchar,
    acled_sub_event_type  varchar,
    trigger               varchar not null,
    date_start            date,
    date_end              date,
    date_precision        varchar,
    date_text             varchar,
    place_name            varchar,
    country               varchar,
    admin1                varchar,
    admin2                varchar,
    lat                   double,
    lon                   double,
    geo_precision         integer,
    fatalities            integer,
    modality              varchar not null,
    background            boolean not null,
    confidence            double not null,
    primary key (doc_id, id)
);
create index events_date_start on events (date_start);
create index events_type on events (type);
create index events_country on events (country);

create table event_participants (
    doc_id    varchar not null,
    event_id  varchar not null,
    actor_id  varchar not null,
    name      varchar not null,
    role      varchar not null,
    primary key (doc_id, event_id, actor_id, role)
);
create index event_participants_actor on event_participants (actor_id);

create table relations (
    doc_id       varchar not null,
    id           varchar not null,
    source_id    varchar not null,
    source       varchar not null,
    target_id    varchar not null,
    target       varchar not null,
    kind         varchar not null,
    coarse       varchar not null,
    valid_start  date,
    valid_end    date,
    basis        varchar not null,
    confidence   double not null,
    primary key (doc_id, id)
);
create index relations_source on relations (source_id);
create index relations_target on relations (target_id);

create table claims (
    doc_id      varchar not null,
    id          varchar not null,
    speaker_id  varchar,
    speaker     varchar,
    modality    varchar not null,
    cue         varchar not null,
    text        varchar not null,
    quote       boolean not null,
    confidence  double not null,
    primary key (doc_id, id)
);
create index claims_speaker on claims (speaker_id);

create table claim_events (
    doc_id    varchar not null,
    claim_id  varchar not null,
    event_id  varchar not null,
    primary key (doc_id, claim_id, event_id)
);

create table evidence (
    record_kind  varchar not null check (record_kind in ('event', 'relation', 'claim', 'actor')),
    record_id    varchar not null,
    doc_id       varchar not null,
    start        integer not null,
    "end"        integer not null,
    sentence     varchar not null,
    extractor    varchar not null,
    confidence   double not null,
    speaker      varchar,
    modality     varchar not null
);
create index evidence_record on evidence (record_kind, record_id);
create index evidence_doc on evidence (doc_id);

-- migration: 0002_acled

-- ACLED files side by side with text. documents.origin says where a document came from: 'text' (an article
-- sahelwatch analysed) or 'acled' (one event row of an ACLED export, id "acled:<event_id_cnty>", its notes as
-- text). The events columns keep what an imported ACLED row says and the event model has no field for, so
-- that exporting it gives the row back; text-derived events leave them null. event_participants.side is the
-- ACLED actor (1 or 2) an associated actor (role 'other') was listed with.
-- DuckDB refuses to add a NOT NULL column to an indexed table: the index is dropped and rebuilt around it.
drop index documents_sha256;
alter table documents add column origin varchar not null default 'text';
create index documents_sha256 on documents (sha256);

alter table events add column acled_event_id varchar;
alter table events add column acled_event_date date;
alter table events add column admin3 varchar;
alter table events add column inter1 varchar;
alter table events add column inter2 varchar;
alter table events add column interaction varchar;
alter table events add column civilian_targeting varchar;
alter table events add column source_scale varchar;
alter table events add column tags varchar;
alter table events add column acled_timestamp varchar;

alter table event_participants add column side integer;

-- migration: 0003_claims_and_tolls

-- Every figure of an event's dead or wounded as one source gives it, side by side with the others
-- (events.fatalities is the conservative count chosen among them); start/end locate the figure in the text.
create table event_tolls (
    doc_id    varchar not null,
    event_id  varchar not null,
    value     integer not null,
    low       integer,
    high      integer,
    outcome   varchar not null check (outcome in ('killed', 'wounded')),
    text      varchar,
    speaker   varchar,
    modality  varchar check (modality in ('asserted', 'hedged', 'reported')),
    start     integer not null,
    "end"     integer not null,
    primary key (doc_id, event_id, start)
);

-- The relations a claim carries ("X said Y was backing the rebels"), as claim_events does for events.
create table claim_relations (
    doc_id       varchar not null,
    claim_id     varchar not null,
    relation_id  varchar not null,
    primary key (doc_id, claim_id, relation_id)
);

-- migration: 0004_fusion

-- What kind of place an event was placed at (town, village, site, region, country, ...): fusion compares a
-- village with a village, not a village with the country around it. Null for rows stored before 0004.
alter table events add column place_feature varchar;

-- Event fusion (sahelwatch.link): reports of one real event, within and across documents, grouped under one
-- canonical event. These tables are decisions derived from the raw statements above, which fusion never edits:
-- every fusion run replaces them whole, so a new document, or an analyst's judgement, can undo a merge.
-- They carry no keys or indexes: a run writes them whole, unique by construction, and DuckDB appends a million
-- rows in seconds where it maintains an index row by row; reads scan them (a million rows in milliseconds).
create table fused_events (
    id                    varchar not null,      -- stable: a hash of the cluster's first member
    type                  varchar not null,      -- PLOVER type most reports give
    acled_event_type      varchar,
    acled_sub_event_type  varchar,
    date_start            date,
    date_end              date,
    date_precision        varchar,
    place_name            varchar,
    country               varchar,
    admin1                varchar,
    admin2                varchar,
    lat                   double,
    lon                   double,
    geo_precision         integer,
    fatalities            integer,               -- by the stated policy (fused_events_values.chosen)
    fatalities_low        integer,               -- smallest and largest figure any report gives
    fatalities_high       integer,
    n_reports             integer not null,      -- member events
    n_documents           integer not null,
    n_sources             integer not null,      -- distinct outlets (documents without a source count alone)
    first_published       date,
    last_published        date,
    contested             varchar,               -- fields on which reports disagree: 'fatalities; date'
    confidence            double not null
);

-- Which report belongs to which canonical event, and why: the strongest link that put it there.
create table fused_event_members (
    fused_id    varchar not null,
    doc_id      varchar not null,
    event_id    varchar not null,
    linked_to_doc    varchar,                    -- the member it was matched with (null for the first)
    linked_to_event  varchar,
    score       double,
    reason      varchar                          -- 'same type ASSAULT; dates overlap; 0 km apart; shared: wagner'
);

-- Every value reports give for a contested field, with its support; exactly one row per field is chosen.
create table fused_event_values (
    fused_id    varchar not null,
    field       varchar not null,                -- fatalities, date, place, type, perpetrator
    value       varchar not null,
    n_reports   integer not null,
    n_sources   integer not null,
    sources     varchar,                         -- '; '-joined outlets (or document ids) giving this value
    doc_ids     varchar,
    chosen      boolean not null
);

-- Actors of a canonical event, with how many of its reports name them in that role.
create table fused_event_participants (
    fused_id   varchar not null,
    actor_id   varchar not null,
    name       varchar not null,
    role       varchar not null,
    n_reports  integer not null
);

-- An analyst's decision about two reports, honoured by every later run: 'same' forces them together,
-- 'different' keeps them apart. Never replaced by fusion; removed only by the analyst.
create table fusion_judgements (
    doc_id_a    varchar not null,
    event_id_a  varchar not null,
    doc_id_b    varchar not null,
    event_id_b  varchar not null,
    judgement   varchar not null check (judgement in ('same', 'different')),
    note        varchar,
    made_at     timestamp not null,
    primary key (doc_id_a, event_id_a, doc_id_b, event_id_b)
);

-- One row per fusion run: when, over how many reports, with which settings, how long it took.
create table fusion_runs (
    started_at   timestamp not null,
    n_events     integer not null,
    n_fused      integer not null,
    n_merged     integer not null,                -- reports that joined another report's event
    seconds      double not null,
    settings     varchar not null
);
