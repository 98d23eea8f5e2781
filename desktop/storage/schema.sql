-- The SQLite schema of a new Mizan database, in the order `create_fresh` makes it.
-- Generated from the models by `python -m desktop.storage.schema`: do not edit by hand.

CREATE TABLE annotator (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_annotator PRIMARY KEY (id), 
	CONSTRAINT uq_annotator_name UNIQUE (name)
);

CREATE TABLE outlet (
	id INTEGER NOT NULL, 
	name VARCHAR(300) NOT NULL, 
	website VARCHAR(500), 
	country VARCHAR(100), 
	notes TEXT, 
	CONSTRAINT pk_outlet PRIMARY KEY (id), 
	CONSTRAINT uq_outlet_name UNIQUE (name)
);

CREATE TABLE event (
	id INTEGER NOT NULL, 
	name VARCHAR(500) NOT NULL, 
	notes TEXT, 
	CONSTRAINT pk_event PRIMARY KEY (id), 
	CONSTRAINT uq_event_name UNIQUE (name)
);

CREATE TABLE label_set (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	CONSTRAINT pk_label_set PRIMARY KEY (id), 
	CONSTRAINT uq_label_set_name UNIQUE (name)
);

CREATE TABLE entity (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	"key" VARCHAR(200) NOT NULL, 
	name TEXT NOT NULL, 
	type VARCHAR(50), 
	external_id VARCHAR(200), 
	notes TEXT, 
	CONSTRAINT uq_entity_key UNIQUE ("key")
);

CREATE TABLE document (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	external_id VARCHAR(300) NOT NULL, 
	outlet_id INTEGER, 
	original_source VARCHAR(300), 
	event_id INTEGER, 
	title TEXT, 
	url TEXT, 
	published DATE, 
	language VARCHAR(20) NOT NULL, 
	text TEXT NOT NULL, 
	length INTEGER NOT NULL, 
	text_sha256 VARCHAR(64) NOT NULL, 
	source_file TEXT, 
	notes TEXT, 
	imported_at DATETIME NOT NULL, 
	CONSTRAINT ck_document_length CHECK (length >= 0), 
	CONSTRAINT uq_document_external_id UNIQUE (external_id), 
	CONSTRAINT fk_document_outlet_id_outlet FOREIGN KEY(outlet_id) REFERENCES outlet (id) ON DELETE SET NULL, 
	CONSTRAINT fk_document_event_id_event FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE SET NULL, 
	CONSTRAINT uq_document_text_sha256 UNIQUE (text_sha256)
);

CREATE TABLE label (
	id INTEGER NOT NULL, 
	label_set_id INTEGER NOT NULL, 
	"key" VARCHAR(50) NOT NULL, 
	name_en VARCHAR(200) NOT NULL, 
	name_ar VARCHAR(200) NOT NULL, 
	color VARCHAR(9) NOT NULL, 
	shortcut VARCHAR(20), 
	description TEXT, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_label PRIMARY KEY (id), 
	CONSTRAINT uq_label_label_set_id UNIQUE (label_set_id, "key"), 
	CONSTRAINT fk_label_label_set_id_label_set FOREIGN KEY(label_set_id) REFERENCES label_set (id) ON DELETE CASCADE
);

CREATE TABLE entity_alias (
	id INTEGER NOT NULL, 
	entity_id INTEGER NOT NULL, 
	alias TEXT NOT NULL, 
	folded TEXT NOT NULL, 
	CONSTRAINT pk_entity_alias PRIMARY KEY (id), 
	CONSTRAINT uq_entity_alias_entity_id UNIQUE (entity_id, alias), 
	CONSTRAINT fk_entity_alias_entity_id_entity FOREIGN KEY(entity_id) REFERENCES entity (id) ON DELETE CASCADE
);

CREATE INDEX ix_entity_alias_folded ON entity_alias (folded);

CREATE TABLE claim_cluster (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	label TEXT NOT NULL, 
	event_id INTEGER, 
	note TEXT, 
	annotator_id INTEGER, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT fk_claim_cluster_event_id_event FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE SET NULL, 
	CONSTRAINT fk_claim_cluster_annotator_id_annotator FOREIGN KEY(annotator_id) REFERENCES annotator (id)
);

CREATE TABLE search_pending (
	document_id INTEGER NOT NULL, 
	CONSTRAINT pk_search_pending PRIMARY KEY (document_id), 
	CONSTRAINT fk_search_pending_document_id_document FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE
);

CREATE TABLE document_status (
	document_id INTEGER NOT NULL, 
	annotator_id INTEGER NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_document_status PRIMARY KEY (document_id, annotator_id), 
	CONSTRAINT ck_document_status_status CHECK (status = 'not_started' OR status = 'in_progress' OR status = 'done'), 
	CONSTRAINT fk_document_status_document_id_document FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE, 
	CONSTRAINT fk_document_status_annotator_id_annotator FOREIGN KEY(annotator_id) REFERENCES annotator (id) ON DELETE CASCADE
);

CREATE TABLE mention (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	document_id INTEGER NOT NULL, 
	ext_id VARCHAR(100) NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	label VARCHAR(50) NOT NULL, 
	entity_id INTEGER, 
	prefix_len INTEGER, 
	status VARCHAR(20) NOT NULL, 
	annotator_id INTEGER, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT ck_mention_offsets CHECK (start >= 0 AND "end" > start), 
	CONSTRAINT ck_mention_prefix_len CHECK (prefix_len IS NULL OR prefix_len >= 0), 
	CONSTRAINT ck_mention_status CHECK (status = 'manual' OR status = 'suggested' OR status = 'accepted' OR status = 'rejected'), 
	CONSTRAINT uq_mention_document_id UNIQUE (document_id, ext_id), 
	CONSTRAINT fk_mention_document_id_document FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE, 
	CONSTRAINT fk_mention_entity_id_entity FOREIGN KEY(entity_id) REFERENCES entity (id) ON DELETE SET NULL, 
	CONSTRAINT fk_mention_annotator_id_annotator FOREIGN KEY(annotator_id) REFERENCES annotator (id)
);

CREATE INDEX ix_mention_document_start ON mention (document_id, start);

CREATE INDEX ix_mention_entity_id ON mention (entity_id) WHERE entity_id IS NOT NULL;

CREATE TABLE history (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	at DATETIME NOT NULL, 
	annotator_id INTEGER, 
	document_id INTEGER, 
	action VARCHAR(100) NOT NULL, 
	description TEXT NOT NULL, 
	redo JSON NOT NULL, 
	undo JSON NOT NULL, 
	state VARCHAR(10) NOT NULL, 
	CONSTRAINT ck_history_state CHECK (state = 'done' OR state = 'undone' OR state = 'dropped'), 
	CONSTRAINT fk_history_annotator_id_annotator FOREIGN KEY(annotator_id) REFERENCES annotator (id), 
	CONSTRAINT fk_history_document_id_document FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE SET NULL
);

CREATE INDEX ix_history_document_id ON history (document_id);

CREATE TABLE curation_drop (
	document_id INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	annotator_id INTEGER, 
	at DATETIME NOT NULL, 
	CONSTRAINT pk_curation_drop PRIMARY KEY (document_id, start, "end"), 
	CONSTRAINT ck_curation_drop_offsets CHECK (start >= 0 AND "end" > start), 
	CONSTRAINT fk_curation_drop_document_id_document FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE, 
	CONSTRAINT fk_curation_drop_annotator_id_annotator FOREIGN KEY(annotator_id) REFERENCES annotator (id)
);

CREATE TABLE claim (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	document_id INTEGER NOT NULL, 
	ext_id VARCHAR(100) NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	source_kind VARCHAR(20), 
	source_mention_id INTEGER, 
	source_entity_id INTEGER, 
	cue_start INTEGER, 
	cue_end INTEGER, 
	quote_type VARCHAR(20) NOT NULL, 
	polarity VARCHAR(20) NOT NULL, 
	note TEXT, 
	annotator_id INTEGER, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT ck_claim_offsets CHECK (start >= 0 AND "end" > start), 
	CONSTRAINT ck_claim_cue_offsets CHECK ((cue_start IS NULL AND cue_end IS NULL) OR (cue_start >= 0 AND cue_end > cue_start)), 
	CONSTRAINT ck_claim_source_kind CHECK (source_kind IS NULL OR source_kind = 'mention' OR source_kind = 'entity' OR source_kind = 'outlet' OR source_kind = 'unnamed'), 
	CONSTRAINT ck_claim_quote_type CHECK (quote_type = 'direct' OR quote_type = 'indirect' OR quote_type = 'mixed' OR quote_type = 'outlet_assertion'), 
	CONSTRAINT ck_claim_polarity CHECK (polarity = 'asserted' OR polarity = 'denied' OR polarity = 'hedged'), 
	CONSTRAINT uq_claim_document_id UNIQUE (document_id, ext_id), 
	CONSTRAINT fk_claim_document_id_document FOREIGN KEY(document_id) REFERENCES document (id) ON DELETE CASCADE, 
	CONSTRAINT fk_claim_source_mention_id_mention FOREIGN KEY(source_mention_id) REFERENCES mention (id) ON DELETE SET NULL, 
	CONSTRAINT fk_claim_source_entity_id_entity FOREIGN KEY(source_entity_id) REFERENCES entity (id) ON DELETE SET NULL, 
	CONSTRAINT fk_claim_annotator_id_annotator FOREIGN KEY(annotator_id) REFERENCES annotator (id)
);

CREATE INDEX ix_claim_document_start ON claim (document_id, start);

CREATE INDEX ix_claim_source_entity_id ON claim (source_entity_id) WHERE source_entity_id IS NOT NULL;

CREATE INDEX ix_claim_source_mention_id ON claim (source_mention_id) WHERE source_mention_id IS NOT NULL;

CREATE TABLE claim_topic (
	claim_id INTEGER NOT NULL, 
	topic VARCHAR(200) NOT NULL, 
	CONSTRAINT pk_claim_topic PRIMARY KEY (claim_id, topic), 
	CONSTRAINT fk_claim_topic_claim_id_claim FOREIGN KEY(claim_id) REFERENCES claim (id) ON DELETE CASCADE
);

CREATE INDEX ix_claim_topic_topic ON claim_topic (topic);

CREATE TABLE cluster_member (
	cluster_id INTEGER NOT NULL, 
	claim_id INTEGER NOT NULL, 
	relation VARCHAR(20) NOT NULL, 
	CONSTRAINT pk_cluster_member PRIMARY KEY (cluster_id, claim_id), 
	CONSTRAINT ck_cluster_member_relation CHECK (relation = 'agrees' OR relation = 'contradicts' OR relation = 'adds_detail' OR relation = 'reframes'), 
	CONSTRAINT fk_cluster_member_cluster_id_claim_cluster FOREIGN KEY(cluster_id) REFERENCES claim_cluster (id) ON DELETE CASCADE, 
	CONSTRAINT uq_cluster_member_claim_id UNIQUE (claim_id), 
	CONSTRAINT fk_cluster_member_claim_id_claim FOREIGN KEY(claim_id) REFERENCES claim (id) ON DELETE CASCADE
);

CREATE TABLE alignment_rejection (
	claim_a_id INTEGER NOT NULL, 
	claim_b_id INTEGER NOT NULL, 
	annotator_id INTEGER, 
	at DATETIME NOT NULL, 
	CONSTRAINT pk_alignment_rejection PRIMARY KEY (claim_a_id, claim_b_id), 
	CONSTRAINT ck_alignment_rejection_ordered CHECK (claim_a_id < claim_b_id), 
	CONSTRAINT fk_alignment_rejection_claim_a_id_claim FOREIGN KEY(claim_a_id) REFERENCES claim (id) ON DELETE CASCADE, 
	CONSTRAINT fk_alignment_rejection_claim_b_id_claim FOREIGN KEY(claim_b_id) REFERENCES claim (id) ON DELETE CASCADE, 
	CONSTRAINT fk_alignment_rejection_annotator_id_annotator FOREIGN KEY(annotator_id) REFERENCES annotator (id)
);

CREATE VIRTUAL TABLE document_fts USING fts5(folded, tokenize = 'trigram');

CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
