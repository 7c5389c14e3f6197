import Foundation
import ReplayReading

/// Temporary files and gzip data for tests (gzip itself is run as a program, so that the
/// tests check replay against the real tool's output, not against replay's own writer).
package enum TestFiles {
    package static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("replay-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    package static func write(_ data: Data, _ name: String, in folder: URL) -> String {
        let url = folder.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: url.path, contents: data)
        return url.path
    }

    package static func run(_ program: String, _ arguments: [String], input: Data? = nil) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let inPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        do { try process.run() } catch { return Data() }
        if let input {
            let writer = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(input)
                try? writer.close()
            }
        }
        let result = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return result
    }

    /// One gzip member of `data`.
    package static func gzip(_ data: Data) -> Data {
        run("/usr/bin/env", ["gzip", "-c", "-n"], input: data)
    }

    package static func gzip(_ text: String) -> Data { gzip(Data(text.utf8)) }
}

/// Collects what the reader delivers.
package struct CollectingSink: LineSink {
    package var lines: [String] = []
    package var numbers: [Int] = []
    package var oversized: [(number: Int, length: Int)] = []

    package mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        lines.append(String(decoding: bytes, as: UTF8.self))
        numbers.append(number)
    }

    package mutating func oversizedLine(number: Int, length: Int) {
        oversized.append((number, length))
    }

    /// Member starts as (member, first line), and the members that passed their checks.
    package var memberStarts: [[Int]] = []
    package var passed: [Int] = []

    package mutating func memberBegins(_ member: Int, firstLine: Int) { memberStarts.append([member, firstLine]) }
    package mutating func memberPassed(_ member: Int) { passed.append(member) }
}

extension LineReader {
    package func collect(_ path: String) -> (CollectingSink, ReadReport) {
        var sink = CollectingSink()
        let report = read(path: path, into: &sink)
        return (sink, report)
    }
}
