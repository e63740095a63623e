// HPC node: download a snapshot -> verify it -> search smoke test.
//   igem run examples/hpc.groovy https://geneexposure.org/downloads/latest/ /scratch/igem [text]
def snap = download(url: args[0], to: args[1], workers: 4)
verify(snap)
def text = args.length > 2 ? args[2] : 'BRCA1 overexpression in breast cancer'
def hits = search(snap, text)
println "smoke test: ${hits.size()} hit(s) in \"${text}\""
hits.take(5).each { println "  ${it.text()} -> ${it.primaryName()} (${it.entityType()})" }
