// examples/deploy.groovy: status -> dry-run saved for review -> upgrade -> the database must be at head.
//   igem --db-uri postgresql://deploy@db/igem run [--plan] examples/deploy.groovy [sql-dir]
def sqlDir = args ? args[0] : '.'
def before = status()
if (!before.versioned) {
    fail 'database is not versioned: run `igem db stamp-head` once (after checking its schema)'
}
if (before.pending) {
    dryRun to: "${sqlDir}/pending-${today}.sql"
    upgrade()                   // under --plan: prints the SQL it would apply, applies nothing
}
if (plan) {
    println "plan only, nothing applied: ${before.currentId()}"
    return                      // nothing to check after an upgrade that only pretended
}
def after = status(quiet: true)
if (!after.upToDate) {
    fail "database is not at head after the upgrade: ${after.currentId()}"
}
println "deployed: ${after.currentId()}"
