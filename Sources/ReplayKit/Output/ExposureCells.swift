/// The cells exposures.csv repeats on every row, escaped once.
struct ExposureCells: Sendable {
    let nodes: [[UInt8]]
    let rules: [[UInt8]]
    let files: [[UInt8]]
    let cache = CSVBuilder.escaped("cache")
    let origin = CSVBuilder.escaped("origin")

    init(_ result: ReplayResult) {
        nodes = result.nodes.map { CSVBuilder.escaped($0.name) }
        rules = result.incident.rules.map { CSVBuilder.escaped($0.name) }
        files = result.inputs.map { CSVBuilder.escaped($0.path) }
    }
}
