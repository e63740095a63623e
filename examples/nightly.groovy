// Nightly snapshot: export -> NLP cache -> verify -> keep the newest N snapshots.
//   igem --db-uri postgresql://reader@db/igem run examples/nightly.groovy /snapshots [keep=7]
def root = new File(args[0])
int keep = args.length > 1 ? args[1] as int : 7

def snap = export(to: new File(root, today).path, overwrite: true)
nlp(snap, overwrite: true)
verify(snap)

// Retention: only directories that hold a manifest.json are snapshots; names are dates, so they sort.
def snapshots = (root.listFiles() ?: []).findAll { it.directory && new File(it, 'manifest.json').file }.sort { it.name }
snapshots.dropRight(keep).each {
    println "removing old snapshot ${it.name}"
    it.deleteDir()
}
println "kept ${Math.min(keep, snapshots.size())} snapshot(s) in ${root}"
