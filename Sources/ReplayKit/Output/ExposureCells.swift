/// The cells exposures.csv repeats on every row, escaped once: nodes, rules, files and people
/// (the people one after another in one array, so that a row copies bytes and counts no
/// references).
struct ExposureCells: Sendable {
    let nodes: [[UInt8]]
    let rules: [[UInt8]]
    let files: [[UInt8]]
    let cache = CSVBuilder.escaped("cache")
    let origin = CSVBuilder.escaped("origin")
    private let people: [UInt8]
    /// Person i's cell is people[peopleStarts[i]..<peopleStarts[i + 1]].
    private let peopleStarts: [Int]

    init(_ result: ReplayResult) {
        nodes = result.nodes.map { CSVBuilder.escaped($0.name) }
        rules = result.incident.rules.map { CSVBuilder.escaped($0.name) }
        files = result.inputs.map { CSVBuilder.escaped($0.path) }
        let csv = CSVBuilder(capacity: result.people.count * 16)
        var starts = [0]
        starts.reserveCapacity(result.people.count + 1)
        for person in result.people {
            csv.cell(person)
            csv.endCell()
            starts.append(csv.count)
        }
        people = csv.bytes
        peopleStarts = starts
    }

    /// Appends person `id`'s cell to `csv`.
    @inline(__always)
    func person(_ id: Int32, to csv: CSVBuilder) {
        people.withUnsafeBytes { all in
            csv.cell(escaped: UnsafeRawBufferPointer(rebasing: all[peopleStarts[Int(id)]..<peopleStarts[Int(id) + 1]]))
        }
    }
}
