import ReplayCSV
import ReplayPipeline

/// The cells exposures.csv repeats on every row — nodes, rules, files, people and the two
/// kinds of delivery — escaped once, one after another in one array, so that a row copies
/// bytes and counts no references.
struct ExposureCells: Sendable {
    private let bytes: [UInt8]
    /// Cell i is bytes[starts[i]..<starts[i + 1]].
    private let starts: [Int]
    /// Where each kind of cell begins among the cells.
    let nodes: Int, rules: Int, files: Int, people: Int, cache: Int, origin: Int

    init(_ result: ReplayResult) {
        let csv = CSVWriter(capacity: result.people.count * 16 + 4096)
        var starts = [0]
        func add(_ values: [String]) -> Int {
            let first = starts.count - 1
            for value in values {
                csv.cell(value)
                csv.endCell()
                starts.append(csv.count)
            }
            return first
        }
        nodes = add(result.nodes.map(\.name))
        rules = add(result.incident.rules.map(\.name))
        files = add(result.inputs.map(\.path))
        people = add(result.people)
        cache = add(["cache"])
        origin = add(["origin"])
        bytes = csv.bytes
        self.starts = starts
    }

    /// Calls `body` with the cells' bytes and starts, for a loop over many rows.
    func withCells<T>(_ body: (UnsafeRawBufferPointer, UnsafeBufferPointer<Int>) -> T) -> T {
        bytes.withUnsafeBytes { b in starts.withUnsafeBufferPointer { s in body(b, s) } }
    }
}
