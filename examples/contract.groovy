// The DSL contract: runs unchanged as
//   igem --db-uri sqlite:<file> run examples/contract.groovy <dir>
// on a database made by `igem db create`, and prints "steps ok".
def s = status()
assert s.versioned && s.upToDate && !s.pending
upgrade()
def snap = export(to: args[0])
assert snap.tables['entity_types'].rows == 14
def build = nlp(snap)
assert build.aliasCount >= 0
assert verify(snap).ok
assert search(snap, 'BRCA1 in breast cancer') != null
println 'steps ok'
