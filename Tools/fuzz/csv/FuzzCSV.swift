import FuzzSupport
import ReplayCSV
import ReplaySupport

// libFuzzer target: the CSV reader on any bytes (an incident's table or directory, a run's
// output read back). The first byte picks the size of the pieces the rest is fed in: the
// records, or the refusal, never depend on where the pieces end. Every record read, written
// again and read back with the guard undone, is the same record.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let piece = Int(data[0]) + 1
    let bytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    func read(_ pieceSize: Int) -> Result<[[[UInt8]]], CSVReader.Failure> {
        var reader = CSVReader(longest: 4096)
        var records: [[[UInt8]]] = []
        func take(_ record: CSVRecord, _: Int) { records.append((0..<record.count).map { Array(record[$0]) }) }
        do {
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + pieceSize)
                try reader.read(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), take)
                start = end
            }
            try reader.finish(take)
            return .success(records)
        } catch let failure as CSVReader.Failure {
            return .failure(failure)
        } catch {
            preconditionFailure("a reader's error is a CSVReader.Failure")
        }
    }
    let whole = read(max(1, bytes.count))
    let pieces = read(piece)
    switch (whole, pieces) {
    case (.success(let a), .success(let b)):
        precondition(a == b, "the records depend on the pieces")
        // A header first, as in every file replay writes (a cell at the very start that begins
        // with a byte-order mark would be read as one).
        let csv = CSVWriter()
        csv.row(["header"])
        for record in a {
            for cell in record { csv.cell(String(decoding: cell, as: UTF8.self)) }
            csv.endRow()
        }
        var back: [[String]] = []
        do {
            try csv.withBytes { try CSVReader.forEachRecord(in: $0, undoingFormulaGuard: true) { r, _ in back.append(r.strings) } }
        } catch {
            preconditionFailure("what the writer wrote cannot be read back: \(error)")
        }
        // What the writer writes of a cell: its controls as \xHH (`IdText.safe`).
        let written = a.map { $0.map { IdText.safe(String(decoding: $0, as: UTF8.self)) } }.filter { $0 != [""] }
        precondition(Array(back.dropFirst()) == written, "a record written and read back is another record")
    case (.failure(let a), .failure(let b)):
        precondition(a.message == b.message, "the refusal depends on the pieces")
    default:
        preconditionFailure("read whole and in pieces, one is refused and one is not")
    }
    return 0
}

#if !REPLAY_FUZZING
@main struct Main { static func main() { CorpusReplay.run(fuzzCSV) } }
#endif
