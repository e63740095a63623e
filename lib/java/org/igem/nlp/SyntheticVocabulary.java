package org.igem.nlp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.igem.core.IgemException;
import org.igem.config.DbTarget;
import org.igem.sql.Databases;

/**
 * DEVELOPMENT ONLY: fills a database with synthetic entities and aliases of realistic shapes
 * (gene symbols, chemical names with digits and Greek letters, multi-word disease names, source
 * codes such as {@code MESH:C007309}, synonyms shared between entities), deterministically from a
 * seed. Used by specs and benchmarks; never part of a production load.
 */
public final class SyntheticVocabulary {
    /** Entity type ids of the seeded {@code entity_types} and the alias shape each one gets. */
    private static final int[] TYPE_IDS = {2, 9, 8, 3, 6, 10, 14, 7};
    private static final String[] GREEK = {"α", "β", "γ", "δ", "κ", "ω"};
    private static final String[] ORGANS = {"breast", "lung", "liver", "kidney", "colon", "skin", "bone", "brain", "thyroid",
            "prostate", "ovarian", "gastric", "pancreatic", "cardiac", "retinal"};
    private static final String[] DISEASE_HEADS = {"carcinoma", "adenoma", "fibrosis", "syndrome", "dysplasia", "neuropathy",
            "sarcoma", "insufficiency", "inflammation", "atrophy"};
    private static final String[] QUALIFIERS = {"hereditary", "juvenile", "chronic", "acute", "familial", "idiopathic",
            "congenital", "late-onset", "primary", "secondary"};
    private static final String[] CHEM_STEMS = {"chloro", "methyl", "ethyl", "phenyl", "hydroxy", "amino", "nitro", "fluoro",
            "bromo", "carboxy"};
    private static final String[] CHEM_BASES = {"benzene", "toluene", "phenol", "dioxin", "furan", "pyrene", "estradiol",
            "tocopherol", "acetate", "sulfonate"};
    private static final String[] CODE_PREFIXES = {"HGNC", "CHEBI", "MESH", "UNIPROT", "REACTOME", "HP", "UBERON", "GO"};

    /** One alias row, before insertion. */
    public record Alias(long entityId, int typeId, String value, String type, String xref, boolean primary, String norm) {
    }

    /** What {@link #generate} wrote. */
    public record Result(int entities, long aliases, long seed) {
    }

    private SyntheticVocabulary() {
    }

    /** The aliases of entity number {@code n} (0-based) for {@code seed}; pure, so specs can predict them. */
    public static List<Alias> aliasesOf(long entityId, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + entityId);
        int kind = (int) Math.floorMod(entityId, TYPE_IDS.length);
        int typeId = TYPE_IDS[kind];
        List<Alias> out = new ArrayList<>();
        String primary = switch (kind) {
            case 0, 3 -> geneSymbol(rnd, entityId);
            case 1 -> chemicalName(rnd);
            case 2 -> diseaseName(rnd);
            default -> termName(rnd, entityId);
        };
        out.add(alias(entityId, typeId, primary, "preferred", CODE_PREFIXES[kind], true));
        int synonyms = 1 + rnd.nextInt(3);
        for (int i = 0; i < synonyms; i++) {
            String syn = switch (i) {
                case 0 -> kind == 0 || kind == 3 ? hyphenBeforeTrailingDigits(primary) : primary.toUpperCase(Locale.ROOT);
                case 1 -> kind == 2 ? QUALIFIERS[rnd.nextInt(QUALIFIERS.length)] + " " + primary : primary + " " + GREEK[rnd.nextInt(GREEK.length)];
                default -> "p" + (10 + Math.floorMod(entityId, 90)); // shared between entities on purpose
            };
            out.add(alias(entityId, typeId, syn, "synonym", null, false));
        }
        out.add(alias(entityId, typeId, CODE_PREFIXES[kind] + ":" + (kind == 2 ? "C" : "") + zeroPadded7(entityId),
                "code", CODE_PREFIXES[kind], false));
        return out;
    }

    private static Alias alias(long entityId, int typeId, String value, String type, String xref, boolean primary) {
        return new Alias(entityId, typeId, value, type, xref, primary, storageNorm(value));
    }

    /** {@code s.replaceFirst("(\\d+)$", "-$1")} without a regex: a hyphen before the trailing ASCII digit run. */
    static String hyphenBeforeTrailingDigits(String s) {
        int i = s.length();
        while (i > 0 && s.charAt(i - 1) >= '0' && s.charAt(i - 1) <= '9') {
            i--;
        }
        return i == s.length() ? s : s.substring(0, i) + "-" + s.substring(i);
    }

    /** {@code String.format(Locale.ROOT, "%07d", n)} for {@code n >= 0}. */
    static String zeroPadded7(long n) {
        if (n < 0) {
            return String.format(Locale.ROOT, "%07d", n);
        }
        String d = Long.toString(n);
        return d.length() >= 7 ? d : "0000000".substring(d.length()) + d;
    }

    /**
     * {@link AliasNormalizer#normalizeForStorage} with a fast path for the characters this generator
     * uses (ASCII and the basic Greek letters, which have no decomposition and are no marks);
     * anything else goes to the normaliser itself. Same results, several times faster.
     */
    static String storageNorm(String value) {
        int n = value.length();
        if (n > AliasNormalizer.MAX_STORED_CODE_POINTS) {
            return AliasNormalizer.normalizeForStorage(value);
        }
        char[] out = new char[n];
        int len = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c == '-' || c == '_' || c == '/' || c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) {
                    pendingSpace = true;
                    continue;
                }
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
            } else if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2 && c != 0x3A3) {
                c = (char) (c + 32); // basic Greek capital → small (sigma excluded: final-sigma rule)
            } else if (!(c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2 && c != 0x3C3)) {
                return AliasNormalizer.normalizeForStorage(value);
            }
            if (pendingSpace && len > 0) {
                out[len++] = ' ';
            }
            pendingSpace = false;
            out[len++] = c;
        }
        return new String(out, 0, len);
    }

    private static String geneSymbol(SplittableRandom rnd, long id) {
        StringBuilder sb = new StringBuilder();
        int letters = 2 + rnd.nextInt(3);
        for (int i = 0; i < letters; i++) {
            sb.append((char) ('A' + rnd.nextInt(26)));
        }
        // the id keeps symbols unique across millions of entities
        return sb.append(Long.toString(id, 36).toUpperCase(Locale.ROOT)).append(1 + rnd.nextInt(9)).toString();
    }

    private static String chemicalName(SplittableRandom rnd) {
        return (1 + rnd.nextInt(9)) + "," + (2 + rnd.nextInt(8)) + "-di" + CHEM_STEMS[rnd.nextInt(CHEM_STEMS.length)]
                + "-" + GREEK[rnd.nextInt(GREEK.length)] + "-" + CHEM_BASES[rnd.nextInt(CHEM_BASES.length)] + rnd.nextInt(1000);
    }

    private static String diseaseName(SplittableRandom rnd) {
        return ORGANS[rnd.nextInt(ORGANS.length)] + " " + DISEASE_HEADS[rnd.nextInt(DISEASE_HEADS.length)] + " type "
                + (1 + rnd.nextInt(5000));
    }

    private static String termName(SplittableRandom rnd, long id) {
        return ORGANS[rnd.nextInt(ORGANS.length)] + " " + CHEM_BASES[rnd.nextInt(CHEM_BASES.length)] + " pathway "
                + Long.toString(id, 36);
    }

    /**
     * Inserts {@code entities} synthetic entities with their aliases into a database at head,
     * numbering after the highest existing entity id. Batched, one transaction.
     */
    public static Result generate(DataSource ds, DbTarget target, int entities, long seed, Consumer<String> log) {
        if (entities <= 0) {
            throw IgemException.usage("--entities must be at least 1");
        }
        return Databases.withConnection(ds, target, c -> {
            c.setAutoCommit(false);
            try {
                long first = maxId(c, "entities") + 1;
                long aliases = 0;
                try (PreparedStatement pe = c.prepareStatement("INSERT INTO entities (id, type_id, is_active) VALUES (?, ?, ?)");
                     PreparedStatement pa = c.prepareStatement("INSERT INTO entity_aliases (entity_id, type_id, alias_value, "
                             + "alias_type, xref_source, is_primary, is_active, alias_norm) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (long id = first; id < first + entities; id++) {
                        List<Alias> as = aliasesOf(id, seed);
                        pe.setLong(1, id);
                        pe.setInt(2, as.get(0).typeId());
                        pe.setBoolean(3, true);
                        pe.addBatch();
                        for (Alias a : as) {
                            pa.setLong(1, a.entityId());
                            pa.setInt(2, a.typeId());
                            pa.setString(3, a.value());
                            pa.setString(4, a.type());
                            pa.setString(5, a.xref());
                            pa.setBoolean(6, a.primary());
                            pa.setBoolean(7, true);
                            pa.setString(8, a.norm());
                            pa.addBatch();
                            aliases++;
                        }
                        if ((id - first + 1) % 5_000 == 0) {
                            pe.executeBatch();
                            pa.executeBatch();
                            log.accept("  " + (id - first + 1) + " entities");
                        }
                    }
                    pe.executeBatch();
                    pa.executeBatch();
                }
                if (target.isPostgres()) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT setval(pg_get_serial_sequence('entities', 'id'), (SELECT MAX(id) FROM entities))");
                    }
                }
                c.commit();
                return new Result(entities, aliases, seed);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
    }

    private static long maxId(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
