-- =====================================================================================
-- IGEM schema, SQLite, Flyway V2: variant partitioning M1
-- Mirrors Alembic revision 846c774a8f66 (variant_partitioning_m1, down revision
-- 7a8b9c0d1e2f). Drops the baseline declarative variant_masters (its data is
-- discarded, as in the original) and creates the five variant tables in the shapes
-- the current models give them on SQLite. SQLite has no partitioning: these are plain
-- tables with no foreign keys and no secondary indexes. Like the original, only missing
-- tables are created (IF NOT EXISTS).
--
-- Differences from PostgreSQL (as in the original): variant_masters has variant_id as
-- its sole, rowid-aliased primary key and as its first column (chromosome second); the
-- other four keep composite primary keys under the PostgreSQL constraint names, with
-- variant_id declared INTEGER; no range check on chromosome exists.
-- Not reversible (the original refuses to downgrade).
-- =====================================================================================

DROP TABLE IF EXISTS variant_masters;

CREATE TABLE IF NOT EXISTS variant_masters (
    variant_id INTEGER NOT NULL PRIMARY KEY,
    chromosome INTEGER NOT NULL,
    entity_id BIGINT,
    assembly_id INTEGER,
    position_start BIGINT NOT NULL,
    position_end BIGINT NOT NULL,
    reference_allele VARCHAR(64) NOT NULL,
    alternate_allele VARCHAR(256) NOT NULL,
    rsid VARCHAR(32),
    variant_type VARCHAR(20),
    allele_type VARCHAR(20),
    ac BIGINT,
    an BIGINT,
    af FLOAT,
    grpmax VARCHAR(32),
    grpmax_af FLOAT,
    cadd_raw_score FLOAT,
    cadd_phred FLOAT,
    revel_max FLOAT,
    spliceai_ds_max FLOAT,
    pangolin_largest_ds FLOAT,
    sift_max FLOAT,
    polyphen_max FLOAT,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    CONSTRAINT uq_variant_masters_natkey UNIQUE (chromosome, position_start, position_end, reference_allele, alternate_allele),
    CONSTRAINT ck_variant_masters_pos CHECK (position_end >= position_start),
    CONSTRAINT ck_variant_masters_af CHECK (af IS NULL OR (af >= 0.0 AND af <= 1.0)),
    CONSTRAINT ck_variant_masters_ac_an CHECK ((ac IS NULL AND an IS NULL) OR (ac IS NOT NULL AND an IS NOT NULL AND ac >= 0 AND an >= 0 AND ac <= an))
);

CREATE TABLE IF NOT EXISTS variant_molecular_effects (
    chromosome INTEGER NOT NULL,
    variant_id INTEGER NOT NULL,
    variant_key VARCHAR(256) NOT NULL,
    gene_id VARCHAR(32),
    gene_symbol VARCHAR(64),
    transcript_id VARCHAR(32) NOT NULL,
    feature_type VARCHAR(32),
    consequence_raw VARCHAR(255),
    consequence_id INTEGER NOT NULL,
    impact_id INTEGER,
    biotype_id INTEGER,
    consequence_group_id INTEGER,
    consequence_category_id INTEGER,
    consequence_rank INTEGER,
    impact_rank INTEGER,
    is_most_severe_for_annotation BOOLEAN,
    is_most_severe_for_variant BOOLEAN,
    most_severe_consequence_per_annotation_id INTEGER,
    most_severe_consequence_per_variant_id INTEGER,
    canonical BOOLEAN,
    mane_select BOOLEAN,
    mane_plus_clinical BOOLEAN,
    hgvsc VARCHAR(128),
    hgvsp VARCHAR(128),
    cdna_position VARCHAR(32),
    cds_position VARCHAR(32),
    protein_position VARCHAR(32),
    amino_acids VARCHAR(32),
    codons VARCHAR(64),
    ensp VARCHAR(32),
    lof_flag BOOLEAN,
    lof_confidence VARCHAR(8),
    lof_filter VARCHAR(128),
    lof_flags VARCHAR(256),
    lof_info TEXT,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    CONSTRAINT pk_variant_molecular_effects PRIMARY KEY (chromosome, variant_id, transcript_id, consequence_id),
    CONSTRAINT ck_vme_lof_conf CHECK (lof_confidence IS NULL OR lof_confidence IN ('HC', 'LC', 'Filtered', 'NA'))
);

CREATE TABLE IF NOT EXISTS variant_effect_predictions (
    chromosome INTEGER NOT NULL,
    variant_id INTEGER NOT NULL,
    predictor_key VARCHAR(128) NOT NULL,
    transcript_id VARCHAR(32),
    predictor_name VARCHAR(64) NOT NULL,
    predictor_version VARCHAR(32),
    score FLOAT,
    classification VARCHAR(64),
    details TEXT,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    CONSTRAINT pk_variant_effect_predictions PRIMARY KEY (chromosome, variant_id, predictor_key)
);

CREATE TABLE IF NOT EXISTS variant_regulatory_elements (
    chromosome INTEGER NOT NULL,
    variant_id INTEGER NOT NULL,
    reg_element_key VARCHAR(192) NOT NULL,
    regulatory_element_id VARCHAR(64) NOT NULL,
    element_type VARCHAR(32),
    bio_context VARCHAR(128),
    score FLOAT,
    details TEXT,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    CONSTRAINT pk_variant_regulatory_elements PRIMARY KEY (chromosome, variant_id, reg_element_key)
);

CREATE TABLE IF NOT EXISTS variant_gene_regulatory_evidence (
    chromosome INTEGER NOT NULL,
    variant_id INTEGER NOT NULL,
    evidence_key VARCHAR(256) NOT NULL,
    gene_id VARCHAR(32) NOT NULL,
    bio_context VARCHAR(128),
    qtl_type VARCHAR(16) NOT NULL,
    beta FLOAT,
    se FLOAT,
    p_value FLOAT,
    n INTEGER,
    effect_allele VARCHAR(64),
    details TEXT,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    CONSTRAINT pk_variant_gene_regulatory_evidence PRIMARY KEY (chromosome, variant_id, evidence_key),
    CONSTRAINT ck_vgre_p CHECK (p_value IS NULL OR (p_value >= 0.0 AND p_value <= 1.0))
);
