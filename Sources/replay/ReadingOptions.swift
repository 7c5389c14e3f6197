import ArgumentParser
import Foundation
import ReplayKit
import ReplayReading

/// The options every command that reads logs shares.
struct ReadingOptions: ParsableArguments {
    @Option(name: .long, help: "Files and nodes read at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "The gzip inflater.")
    var inflater: InflaterKind = .preferred

    @Option(name: .long, help: "Lines longer than this many bytes are rejected.")
    var maxLine: Int = 1 << 20

    func validate() throws {
        guard jobs >= 1 && jobs <= 1024 else { throw ValidationError("--jobs must be from 1 to 1024") }
        guard maxLine >= 1 && maxLine <= 1 << 30 else { throw ValidationError("--max-line must be from 1 to 1073741824 (1 GiB)") }
    }

    var reader: LineReader {
        LineReader(maxLineLength: maxLine, inflater: inflater)
    }
}

extension InflaterKind: ExpressibleByArgument {}
