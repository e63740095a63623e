// Explore a snapshot (or any database) with SQL: which entities share an alias, with their types and
// relationships. On a snapshot the SQL runs in DuckDB, read-only (fetched once on first use).
//   igem --db-uri /snapshots/2026-11-25 run examples/explore.groovy 'il 6' [shared.csv]
def norm = (args ? args[0] : 'il 6').toLowerCase()
String lit = "'" + norm.replace("'", "''") + "'"

def sharing = query """
    SELECT e.id, p.alias_value AS name, t.name AS type, a.alias_value AS alias
    FROM entity_aliases a
    JOIN entities e ON e.id = a.entity_id
    LEFT JOIN entity_types t ON t.id = e.type_id
    LEFT JOIN entity_aliases p ON p.entity_id = e.id AND p.is_primary
    WHERE a.alias_norm = $lit
    ORDER BY e.id"""
println "${sharing.rows().size()} entit${sharing.rows().size() == 1 ? 'y' : 'ies'} share the alias '${norm}'"
sharing.rows().each { id, name, type, alias -> println "  ${name ?: '#' + id} (${type ?: 'no type'}) as '${alias}'" }

String relationships = """
    SELECT p1.alias_value AS entity, rt.code AS relationship, p2.alias_value AS other, t2.name AS other_type
    FROM entity_relationships r
    JOIN entity_relationship_types rt ON rt.id = r.relationship_type_id
    LEFT JOIN entity_aliases p1 ON p1.entity_id = r.entity_1_id AND p1.is_primary
    LEFT JOIN entity_aliases p2 ON p2.entity_id = r.entity_2_id AND p2.is_primary
    LEFT JOIN entities e2 ON e2.id = r.entity_2_id
    LEFT JOIN entity_types t2 ON t2.id = e2.type_id
    WHERE r.entity_1_id IN (SELECT entity_id FROM entity_aliases WHERE alias_norm = $lit)
       OR r.entity_2_id IN (SELECT entity_id FROM entity_aliases WHERE alias_norm = $lit)
    ORDER BY 1, 2, 3"""
def rels = query(maxRows: 20, relationships)
println "relationships:"
rels.rows().each { entity, code, other, otherType -> println "  ${entity} -${code}-> ${other} (${otherType})" }

if (args.length > 1) {
    query to: args[1], relationships      // the whole result, csv by its extension
}
