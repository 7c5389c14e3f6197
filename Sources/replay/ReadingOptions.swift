import ArgumentParser
import Foundation
import ReplayKit

/// The options every command that reads logs shares.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: "Files and nodes read at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "The gzip inflater: \(InflaterKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var inflater: String = InflaterKind.preferred.rawValue

    @Option(name: .long, help: "Lines longer than this many bytes are rejected.")
    var maxLine: Int = 1 << 20

    func validate() throws {
        guard jobs >= 1 && jobs <= 1024 else { throw ValidationError("--jobs must be from 1 to 1024") }
        guard maxLine >= 1 && maxLine <= 1 << 30 else { throw ValidationError("--max-line must be from 1 to 1073741824 (1 GiB)") }
        guard InflaterKind(available: inflater) != nil else {
            throw ValidationError("--inflater must be one of \(InflaterKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    var reader: LineReader {
        LineReader(maxLineLength: maxLine, inflater: InflaterKind(available: inflater) ?? .preferred)
    }
}
