-- =====================================================================================
-- IGEM schema, PostgreSQL, Flyway V1: baseline 0.1.0
-- Mirrors Alembic revision 7a8b9c0d1e2f (baseline_0_1_0). In the Python tool that
-- revision is a no-op stamp over "whatever the 0.1.0 models created"; here it builds
-- that schema explicitly: the 11 native enum types, the 40 declarative tables of the
-- current models (unchanged since 0.1.0) and the old, non-partitioned variant_masters
-- that V2 replaces.
--
-- Deliberate deviation from the Python original: the ORM-side ("application")
-- defaults are real column DEFAULTs here, so plain SQL inserts behave like ORM inserts.
-- Unnamed single-column UNIQUE constraints are named explicitly with the name
-- PostgreSQL would have generated (<table>_<column>_key); unnamed primary and foreign
-- keys are left to PostgreSQL's default naming (<table>_pkey, <table>_<column>_fkey).
-- entity_aliases.embedding (pgvector) is added by a guarded block and, when present,
-- is the LAST column of entity_aliases (the Python models put it after alias_norm).
-- =====================================================================================

-- -------------------------------------------------------------------------------------
-- Enum types (created before any table, in the reference order)
-- -------------------------------------------------------------------------------------
CREATE TYPE etl_status_enum AS ENUM ('pending', 'running', 'completed', 'failed', 'not-applicable', 'up-to-date');
CREATE TYPE etl_extract_status_enum AS ENUM ('pending', 'running', 'completed', 'failed', 'not-applicable', 'up-to-date');
CREATE TYPE etl_transform_status_enum AS ENUM ('pending', 'running', 'completed', 'failed', 'not-applicable', 'up-to-date');
CREATE TYPE etl_load_status_enum AS ENUM ('pending', 'running', 'completed', 'failed', 'not-applicable', 'up-to-date');
CREATE TYPE entity_domain_enum AS ENUM ('Genomics', 'Exposome', 'Knowledge');
CREATE TYPE discovery_method_enum AS ENUM ('structured', 'regex', 'nlp', 'pubmed', 'manual');
CREATE TYPE strand_enum AS ENUM ('+', '-');
CREATE TYPE go_namespace_enum AS ENUM ('MF', 'BP', 'CC');
CREATE TYPE anatomy_level_enum AS ENUM ('system', 'organ', 'tissue', 'region', 'structure');
CREATE TYPE match_method_enum AS ENUM ('exact_aho', 'code_pattern', 'tsvector', 'fuzzy', 'embedding', 'manual');
CREATE TYPE match_review_status_enum AS ENUM ('auto', 'confirmed', 'rejected', 'pending');

-- -------------------------------------------------------------------------------------
-- Tables, dependency order; each table's indexes follow it
-- -------------------------------------------------------------------------------------

CREATE TABLE system_config (
    id SERIAL NOT NULL,
    key VARCHAR(50) NOT NULL,
    value VARCHAR(255) NOT NULL,
    type VARCHAR(50) DEFAULT 'string' NOT NULL,
    description VARCHAR(255),
    editable BOOLEAN DEFAULT true,
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT system_config_key_key UNIQUE (key)
);

CREATE TABLE igem_metadata (
    id SERIAL NOT NULL,
    schema_version VARCHAR(50) NOT NULL,
    schema_revision VARCHAR(64),
    etl_version VARCHAR(50),
    description VARCHAR(255),
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE genome_assemblies (
    id SERIAL NOT NULL,
    accession VARCHAR(50) NOT NULL,
    assembly_name VARCHAR(50) NOT NULL,
    chromosome VARCHAR(10),
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT genome_assemblies_accession_key UNIQUE (accession)
);

CREATE TABLE etl_source_systems (
    id SERIAL NOT NULL,
    name VARCHAR(255) NOT NULL,
    description VARCHAR(1024),
    homepage VARCHAR(512),
    active BOOLEAN DEFAULT true NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT etl_source_systems_name_key UNIQUE (name)
);

CREATE TABLE entity_types (
    id SERIAL NOT NULL,
    name VARCHAR(50) NOT NULL,
    domain entity_domain_enum NOT NULL,
    description VARCHAR(512),
    PRIMARY KEY (id),
    CONSTRAINT entity_types_name_key UNIQUE (name)
);

CREATE TABLE entity_relationship_types (
    id SERIAL NOT NULL,
    code VARCHAR(50) NOT NULL,
    description VARCHAR(255),
    PRIMARY KEY (id),
    CONSTRAINT entity_relationship_types_code_key UNIQUE (code)
);

CREATE TABLE variant_consequence_groups (
    id SERIAL NOT NULL,
    name VARCHAR(64) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT variant_consequence_groups_name_key UNIQUE (name)
);

CREATE TABLE variant_consequence_categories (
    id SERIAL NOT NULL,
    name VARCHAR(64) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT variant_consequence_categories_name_key UNIQUE (name)
);

CREATE TABLE variant_impacts (
    id SERIAL NOT NULL,
    name VARCHAR(128) NOT NULL,
    severity_rank INTEGER NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT variant_impacts_name_key UNIQUE (name)
);

CREATE TABLE variant_biotypes (
    id SERIAL NOT NULL,
    name VARCHAR(64) NOT NULL,
    description TEXT,
    PRIMARY KEY (id),
    CONSTRAINT variant_biotypes_name_key UNIQUE (name)
);

CREATE TABLE etl_data_sources (
    id SERIAL NOT NULL,
    name VARCHAR(255) NOT NULL,
    dtp_version VARCHAR(50),
    schema_version VARCHAR(50),
    source_system_id INTEGER NOT NULL,
    data_type VARCHAR(50) NOT NULL,
    source_url VARCHAR(512),
    format VARCHAR(20) NOT NULL,
    dtp_script VARCHAR(255) NOT NULL,
    active BOOLEAN DEFAULT true NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT etl_data_sources_name_key UNIQUE (name),
    FOREIGN KEY (source_system_id) REFERENCES etl_source_systems (id) ON DELETE CASCADE
);

CREATE TABLE variant_consequences (
    id SERIAL NOT NULL,
    name VARCHAR(64) NOT NULL,
    severity_rank INTEGER NOT NULL,
    description TEXT,
    is_active BOOLEAN DEFAULT true NOT NULL,
    consequence_group_id INTEGER,
    consequence_category_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT variant_consequences_name_key UNIQUE (name),
    FOREIGN KEY (consequence_group_id) REFERENCES variant_consequence_groups (id) ON DELETE SET NULL,
    FOREIGN KEY (consequence_category_id) REFERENCES variant_consequence_categories (id) ON DELETE SET NULL
);

CREATE TABLE etl_packages (
    id SERIAL NOT NULL,
    data_source_id INTEGER NOT NULL,
    status etl_status_enum DEFAULT 'pending'::etl_status_enum NOT NULL,
    operation_type VARCHAR(50) DEFAULT 'insert',
    version_tag VARCHAR(50),
    note VARCHAR(255),
    active BOOLEAN DEFAULT true,
    extract_start TIMESTAMP WITHOUT TIME ZONE,
    extract_end TIMESTAMP WITHOUT TIME ZONE,
    extract_rows INTEGER,
    extract_hash VARCHAR(128),
    extract_status etl_extract_status_enum DEFAULT 'pending'::etl_extract_status_enum,
    transform_start TIMESTAMP WITHOUT TIME ZONE,
    transform_end TIMESTAMP WITHOUT TIME ZONE,
    transform_rows INTEGER,
    transform_hash VARCHAR(128),
    transform_status etl_transform_status_enum DEFAULT 'pending'::etl_transform_status_enum,
    load_start TIMESTAMP WITHOUT TIME ZONE,
    load_end TIMESTAMP WITHOUT TIME ZONE,
    load_rows INTEGER,
    load_hash VARCHAR(128),
    load_status etl_load_status_enum DEFAULT 'pending'::etl_load_status_enum,
    stats JSON,
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE CASCADE
);

CREATE TABLE entities (
    id BIGSERIAL NOT NULL,
    type_id INTEGER,
    has_conflict BOOLEAN,
    is_active BOOLEAN DEFAULT true,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (type_id) REFERENCES entity_types (id) ON DELETE SET NULL,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE CASCADE,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE CASCADE
);
CREATE INDEX ix_entities_type_id ON entities (type_id);

CREATE TABLE gene_locus_groups (
    id SERIAL NOT NULL,
    name VARCHAR(50) NOT NULL,
    description VARCHAR(100),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT gene_locus_groups_name_key UNIQUE (name),
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);

CREATE TABLE gene_locus_types (
    id SERIAL NOT NULL,
    name VARCHAR(50) NOT NULL,
    description VARCHAR(100),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT gene_locus_types_name_key UNIQUE (name),
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);

CREATE TABLE gene_groups (
    id SERIAL NOT NULL,
    name VARCHAR(255) NOT NULL,
    description VARCHAR(512),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT gene_groups_name_key UNIQUE (name),
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);

-- rs_obsolete_id is a dbSNP number supplied by the loader; BIGSERIAL reproduces the
-- original DDL (a sequence exists although it is not meant to be used).
CREATE TABLE variant_snp_merges (
    rs_obsolete_id BIGSERIAL NOT NULL,
    rs_canonical_id BIGINT NOT NULL,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (rs_obsolete_id),
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE INDEX ix_variant_snp_merges_rs_canonical_id ON variant_snp_merges (rs_canonical_id);

CREATE TABLE disease_groups (
    id SERIAL NOT NULL,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(255),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT disease_groups_name_key UNIQUE (name),
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);

CREATE TABLE chemical_groups (
    id SERIAL NOT NULL,
    name VARCHAR(64) NOT NULL,
    description VARCHAR(512),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT chemical_groups_name_key UNIQUE (name),
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);

CREATE TABLE protein_pfams (
    id SERIAL NOT NULL,
    pfam_acc VARCHAR(50) NOT NULL,
    pfam_id VARCHAR(50),
    description VARCHAR(255),
    long_description VARCHAR(255),
    type VARCHAR(50),
    clan_acc VARCHAR(50),
    clan_name VARCHAR(50),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_protein_pfams_pfam_acc ON protein_pfams (pfam_acc);
CREATE INDEX ix_protein_pfams_pfam_id ON protein_pfams (pfam_id);

CREATE TABLE protein_masters (
    id SERIAL NOT NULL,
    protein_id VARCHAR(20) NOT NULL,
    function VARCHAR(512),
    location VARCHAR(255),
    tissue_expression VARCHAR(255),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_protein_masters_protein_id ON protein_masters (protein_id);

CREATE TABLE entity_aliases (
    id BIGSERIAL NOT NULL,
    entity_id BIGINT NOT NULL,
    type_id INTEGER,
    alias_value VARCHAR(1000) NOT NULL,
    alias_type VARCHAR(16) DEFAULT 'synonym' NOT NULL,
    xref_source VARCHAR(32),
    is_primary BOOLEAN,
    is_active BOOLEAN DEFAULT true,
    alias_norm VARCHAR(1000),
    locale VARCHAR(8),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_entity_aliases_semantic UNIQUE (entity_id, alias_type, xref_source, alias_value),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (type_id) REFERENCES entity_types (id) ON DELETE SET NULL,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE CASCADE,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE CASCADE
);
-- entity_aliases.embedding vector(768): only when the pgvector extension can be
-- installed on this server. Otherwise the column is simply absent (the migration does
-- not fail); it is then appended later by hand or by a future migration.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        CREATE EXTENSION IF NOT EXISTS vector;
        EXECUTE 'ALTER TABLE entity_aliases ADD COLUMN IF NOT EXISTS embedding vector(768)';
    END IF;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pgvector not available: entity_aliases.embedding not created';
END
$$;
CREATE INDEX ix_entity_aliases_entity_id ON entity_aliases (entity_id);
CREATE INDEX ix_entity_aliases_alias_norm ON entity_aliases (alias_norm);

CREATE TABLE entity_relationships (
    id BIGSERIAL NOT NULL,
    entity_1_id BIGINT NOT NULL,
    entity_1_type_id INTEGER,
    entity_2_id BIGINT NOT NULL,
    entity_2_type_id INTEGER,
    relationship_type_id INTEGER NOT NULL,
    discovery_method discovery_method_enum DEFAULT 'structured'::discovery_method_enum NOT NULL,
    confidence_score FLOAT,
    evidence_count INTEGER,
    source_ref VARCHAR(512),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_entity_relationships_pair_source UNIQUE (entity_1_id, entity_2_id, relationship_type_id, data_source_id),
    FOREIGN KEY (entity_1_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (entity_1_type_id) REFERENCES entity_types (id) ON DELETE CASCADE,
    FOREIGN KEY (entity_2_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (entity_2_type_id) REFERENCES entity_types (id) ON DELETE CASCADE,
    FOREIGN KEY (relationship_type_id) REFERENCES entity_relationship_types (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE CASCADE,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE CASCADE
);
CREATE INDEX ix_entity_relationships_entity_1_id ON entity_relationships (entity_1_id);
CREATE INDEX ix_entity_relationships_entity_1_type_id ON entity_relationships (entity_1_type_id);
CREATE INDEX ix_entity_relationships_entity_2_id ON entity_relationships (entity_2_id);
CREATE INDEX ix_entity_relationships_entity_2_type_id ON entity_relationships (entity_2_type_id);
CREATE INDEX ix_er_entity1_id ON entity_relationships (entity_1_id);
CREATE INDEX ix_er_entity2_id ON entity_relationships (entity_2_id);
CREATE INDEX ix_er_type_pair ON entity_relationships (entity_1_type_id, entity_2_type_id);
CREATE INDEX ix_er_discovery_method ON entity_relationships (discovery_method);
CREATE INDEX ix_er_data_source_id ON entity_relationships (data_source_id);

CREATE TABLE entity_locations (
    id BIGSERIAL NOT NULL,
    entity_id BIGINT NOT NULL,
    entity_type_id INTEGER,
    assembly_id INTEGER NOT NULL,
    chromosome INTEGER NOT NULL,
    start_pos BIGINT NOT NULL,
    end_pos BIGINT NOT NULL,
    strand strand_enum,
    region_label VARCHAR(50),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_entity_location_assembly UNIQUE (entity_id, assembly_id),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (entity_type_id) REFERENCES entity_types (id) ON DELETE SET NULL,
    FOREIGN KEY (assembly_id) REFERENCES genome_assemblies (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE INDEX ix_entity_locations_entity_id ON entity_locations (entity_id);
CREATE INDEX ix_entity_locations_entity_type_id ON entity_locations (entity_type_id);
CREATE INDEX ix_entity_locations_assembly_id ON entity_locations (assembly_id);
CREATE INDEX ix_entity_locations_chromosome ON entity_locations (chromosome);

-- gene_masters.entity_id is INTEGER although entities.id is BIGINT (as in the original).
CREATE TABLE gene_masters (
    id SERIAL NOT NULL,
    entity_id INTEGER NOT NULL,
    symbol VARCHAR(64),
    hgnc_status VARCHAR(50),
    chromosome INTEGER,
    locus_group_id INTEGER,
    locus_type_id INTEGER,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (locus_group_id) REFERENCES gene_locus_groups (id) ON DELETE SET NULL,
    FOREIGN KEY (locus_type_id) REFERENCES gene_locus_types (id) ON DELETE SET NULL,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_gene_masters_entity_id ON gene_masters (entity_id);
CREATE INDEX ix_gene_masters_symbol ON gene_masters (symbol);
CREATE INDEX ix_gene_masters_chromosome ON gene_masters (chromosome);

-- Baseline-era (0.1.0) declarative variant_masters; V2 drops it and replaces it with
-- the chromosome-partitioned tables.
CREATE TABLE variant_masters (
    id BIGSERIAL NOT NULL,
    entity_id BIGINT,
    chromosome INTEGER NOT NULL,
    position_start BIGINT NOT NULL,
    position_end BIGINT NOT NULL,
    reference_allele VARCHAR(64) NOT NULL,
    alternate_allele VARCHAR(256) NOT NULL,
    rsid VARCHAR(32),
    variant_type VARCHAR(20),
    allele_type VARCHAR(20),
    af FLOAT,
    cadd_phred FLOAT,
    revel_max FLOAT,
    spliceai_ds_max FLOAT,
    assembly_id INTEGER,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_variant_masters_allele UNIQUE (chromosome, position_start, position_end, reference_allele, alternate_allele),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (assembly_id) REFERENCES genome_assemblies (id) ON DELETE SET NULL,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE INDEX ix_variant_masters_entity_id ON variant_masters (entity_id);
CREATE INDEX ix_variant_masters_chromosome ON variant_masters (chromosome);
CREATE INDEX ix_variant_masters_rsid ON variant_masters (rsid);
CREATE INDEX ix_variant_masters_assembly_id ON variant_masters (assembly_id);

CREATE TABLE disease_masters (
    id SERIAL NOT NULL,
    entity_id BIGINT NOT NULL,
    disease_id VARCHAR(50) NOT NULL,
    label VARCHAR(255),
    description TEXT,
    icd10 VARCHAR(20),
    mondo_id VARCHAR(20),
    omim_id VARCHAR(20),
    mesh_id VARCHAR(20),
    orphanet_id VARCHAR(20),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_disease_masters_entity_id ON disease_masters (entity_id);
CREATE UNIQUE INDEX ix_disease_masters_disease_id ON disease_masters (disease_id);
CREATE INDEX ix_disease_masters_icd10 ON disease_masters (icd10);
CREATE INDEX ix_disease_masters_mondo_id ON disease_masters (mondo_id);
CREATE INDEX ix_disease_masters_omim_id ON disease_masters (omim_id);
CREATE INDEX ix_disease_masters_mesh_id ON disease_masters (mesh_id);

CREATE TABLE chemical_masters (
    id SERIAL NOT NULL,
    entity_id BIGINT NOT NULL,
    ctd_id VARCHAR(20),
    cas_number VARCHAR(20),
    pubchem_cid VARCHAR(20),
    chebi_id VARCHAR(20),
    inchi_key VARCHAR(27),
    smiles VARCHAR(4000),
    formula VARCHAR(100),
    molecular_weight FLOAT,
    chemical_class VARCHAR(100),
    is_drug BOOLEAN,
    is_environmental BOOLEAN,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_chemical_masters_entity_id ON chemical_masters (entity_id);
CREATE INDEX ix_chemical_masters_ctd_id ON chemical_masters (ctd_id);
CREATE INDEX ix_chemical_masters_cas_number ON chemical_masters (cas_number);
CREATE INDEX ix_chemical_masters_pubchem_cid ON chemical_masters (pubchem_cid);
CREATE INDEX ix_chemical_masters_chebi_id ON chemical_masters (chebi_id);
CREATE INDEX ix_chemical_masters_inchi_key ON chemical_masters (inchi_key);

CREATE TABLE pathway_masters (
    id SERIAL NOT NULL,
    entity_id BIGINT NOT NULL,
    pathway_id VARCHAR(100) NOT NULL,
    description VARCHAR(512),
    source_db VARCHAR(50),
    organism VARCHAR(100),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_pathway_masters_entity_id ON pathway_masters (entity_id);
CREATE UNIQUE INDEX ix_pathway_masters_pathway_id ON pathway_masters (pathway_id);

CREATE TABLE protein_entities (
    id SERIAL NOT NULL,
    entity_id BIGINT NOT NULL,
    protein_id INTEGER NOT NULL,
    is_isoform BOOLEAN DEFAULT false NOT NULL,
    isoform_accession VARCHAR(20),
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_protein_entity_link UNIQUE (entity_id, protein_id),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (protein_id) REFERENCES protein_masters (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE INDEX ix_protein_entities_entity_id ON protein_entities (entity_id);
CREATE INDEX ix_protein_entities_protein_id ON protein_entities (protein_id);

CREATE TABLE protein_pfam_links (
    protein_id INTEGER NOT NULL,
    pfam_pk_id INTEGER NOT NULL,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (protein_id, pfam_pk_id),
    FOREIGN KEY (protein_id) REFERENCES protein_masters (id) ON DELETE CASCADE,
    FOREIGN KEY (pfam_pk_id) REFERENCES protein_pfams (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);

CREATE TABLE go_masters (
    id SERIAL NOT NULL,
    entity_id BIGINT NOT NULL,
    go_id VARCHAR(15) NOT NULL,
    name VARCHAR(255) NOT NULL,
    namespace go_namespace_enum NOT NULL,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_go_masters_entity_id ON go_masters (entity_id);
CREATE UNIQUE INDEX ix_go_masters_go_id ON go_masters (go_id);

CREATE TABLE phenotype_masters (
    id SERIAL NOT NULL,
    entity_id BIGINT NOT NULL,
    hp_id VARCHAR(15) NOT NULL,
    name VARCHAR(255) NOT NULL,
    definition TEXT,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_phenotype_masters_entity_id ON phenotype_masters (entity_id);
CREATE UNIQUE INDEX ix_phenotype_masters_hp_id ON phenotype_masters (hp_id);

CREATE TABLE anatomy_masters (
    id SERIAL NOT NULL,
    entity_id BIGINT NOT NULL,
    uberon_id VARCHAR(20) NOT NULL,
    name VARCHAR(255) NOT NULL,
    definition TEXT,
    anatomy_level anatomy_level_enum,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ix_anatomy_masters_entity_id ON anatomy_masters (entity_id);
CREATE UNIQUE INDEX ix_anatomy_masters_uberon_id ON anatomy_masters (uberon_id);
CREATE INDEX ix_anatomy_masters_anatomy_level ON anatomy_masters (anatomy_level);

CREATE TABLE gene_group_memberships (
    gene_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (gene_id, group_id),
    FOREIGN KEY (gene_id) REFERENCES gene_masters (id) ON DELETE CASCADE,
    FOREIGN KEY (group_id) REFERENCES gene_groups (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);

CREATE TABLE disease_group_memberships (
    id SERIAL NOT NULL,
    disease_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_disease_group_membership UNIQUE (disease_id, group_id),
    FOREIGN KEY (disease_id) REFERENCES disease_masters (id) ON DELETE CASCADE,
    FOREIGN KEY (group_id) REFERENCES disease_groups (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE INDEX ix_disease_group_memberships_disease_id ON disease_group_memberships (disease_id);
CREATE INDEX ix_disease_group_memberships_group_id ON disease_group_memberships (group_id);

CREATE TABLE chemical_group_memberships (
    chemical_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (chemical_id, group_id),
    FOREIGN KEY (chemical_id) REFERENCES chemical_masters (id) ON DELETE CASCADE,
    FOREIGN KEY (group_id) REFERENCES chemical_groups (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);

CREATE TABLE go_relations (
    id SERIAL NOT NULL,
    parent_id INTEGER NOT NULL,
    child_id INTEGER NOT NULL,
    relation_type VARCHAR(50) NOT NULL,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_go_relation UNIQUE (parent_id, child_id, relation_type),
    FOREIGN KEY (parent_id) REFERENCES go_masters (id) ON DELETE CASCADE,
    FOREIGN KEY (child_id) REFERENCES go_masters (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE INDEX ix_go_relations_parent_id ON go_relations (parent_id);
CREATE INDEX ix_go_relations_child_id ON go_relations (child_id);

CREATE TABLE phenotype_relations (
    id SERIAL NOT NULL,
    parent_id INTEGER NOT NULL,
    child_id INTEGER NOT NULL,
    relation_type VARCHAR(50) NOT NULL,
    data_source_id INTEGER,
    etl_package_id INTEGER,
    PRIMARY KEY (id),
    CONSTRAINT uq_phenotype_relation UNIQUE (parent_id, child_id, relation_type),
    FOREIGN KEY (parent_id) REFERENCES phenotype_masters (id) ON DELETE CASCADE,
    FOREIGN KEY (child_id) REFERENCES phenotype_masters (id) ON DELETE CASCADE,
    FOREIGN KEY (data_source_id) REFERENCES etl_data_sources (id) ON DELETE SET NULL,
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE SET NULL
);
CREATE INDEX ix_phenotype_relations_parent_id ON phenotype_relations (parent_id);
CREATE INDEX ix_phenotype_relations_child_id ON phenotype_relations (child_id);

CREATE TABLE entity_matches (
    id BIGSERIAL NOT NULL,
    etl_package_id INTEGER NOT NULL,
    source_record_id VARCHAR(255),
    source_field VARCHAR(100),
    text_hash VARCHAR(16),
    matched_text VARCHAR(500) NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    context VARCHAR(1000),
    alias_id BIGINT,
    entity_id BIGINT NOT NULL,
    match_method match_method_enum NOT NULL,
    confidence FLOAT NOT NULL,
    review_status match_review_status_enum DEFAULT 'auto'::match_review_status_enum NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (etl_package_id) REFERENCES etl_packages (id) ON DELETE CASCADE,
    FOREIGN KEY (alias_id) REFERENCES entity_aliases (id) ON DELETE SET NULL,
    FOREIGN KEY (entity_id) REFERENCES entities (id) ON DELETE CASCADE
);
CREATE INDEX ix_entity_matches_etl_package_id ON entity_matches (etl_package_id);
CREATE INDEX ix_entity_matches_source_record_id ON entity_matches (source_record_id);
CREATE INDEX ix_entity_matches_alias_id ON entity_matches (alias_id);
CREATE INDEX ix_entity_matches_entity_id ON entity_matches (entity_id);
CREATE INDEX ix_em_package_record ON entity_matches (etl_package_id, source_record_id);
CREATE INDEX ix_em_entity_method ON entity_matches (entity_id, match_method);
CREATE INDEX ix_em_review_status ON entity_matches (review_status);
