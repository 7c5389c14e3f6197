import Foundation
import XCTest
import SystemPackage
import TestSupport
@testable import ReplayReading
@testable import ReplayIncident
@testable import ReplayMatching
@testable import ReplayPipeline

final class LineReaderTests: XCTestCase {
    let folder = TestFiles.folder()

    /// Every test runs against every inflater.
    var readers: [LineReader] { InflaterKind.allCases.map { LineReader(inflater: $0) } }

    func lines(_ range: ClosedRange<Int>, prefix: String = "line") -> String {
        range.map { "\(prefix) \($0) " + String(repeating: "x", count: $0 % 37) + "\n" }.joined()
    }

    func testSeveralMembersCountLinesAcross() {
        let data = TestFiles.gzip(lines(1...3)) + TestFiles.gzip(lines(4...1000)) + TestFiles.gzip(lines(1001...1002))
        let path = TestFiles.write(data, "members.gz", in: folder)
        for reader in readers {
            let (sink, report) = reader.collect(path)
            XCTAssertEqual(sink.lines.count, 1002)
            XCTAssertEqual(sink.numbers, Array(1...1002))
            XCTAssertEqual(sink.lines[1000], "line 1001 " + String(repeating: "x", count: 1001 % 37))
            XCTAssertEqual(report.members, 3)
            XCTAssertTrue(report.gzip)
            XCTAssertTrue(report.isComplete)
            XCTAssertEqual(report.bytes, data.count)
        }
    }

    func testTruncatedFileDeliversEveryLineBeforeTheCut() {
        let text = lines(1...20000)
        let full = TestFiles.gzip(text)
        let cut = full.prefix(full.count / 2)
        let path = TestFiles.write(Data(cut), "cut.gz", in: folder)
        // What gzip itself recovers from the same bytes.
        let recovered = String(decoding: TestFiles.run("/usr/bin/env", ["gzip", "-dc"], input: Data(cut)), as: UTF8.self)
        let expected = recovered.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        XCTAssertGreaterThan(expected.count, 1000)
        for reader in readers {
            let (sink, report) = reader.collect(path)
            XCTAssertEqual(sink.lines, expected)
            XCTAssertFalse(report.isComplete)
            XCTAssertEqual(report.problems.first?.kind, .truncated)
            XCTAssertEqual(report.problems.first?.offset, cut.count)
        }
    }

    func testTrailingZerosDeliverEveryLineAndWarn() {
        let data = TestFiles.gzip(lines(1...50)) + Data(repeating: 0, count: 4096)
        let path = TestFiles.write(data, "zeros.gz", in: folder)
        for reader in readers {
            let (sink, report) = reader.collect(path)
            XCTAssertEqual(sink.lines.count, 50)
            XCTAssertTrue(report.isComplete, "trailing zeros are a warning, not a loss")
            XCTAssertEqual(report.problems, [ReadProblem(kind: .trailingZeros, offset: data.count - 4096, detail: "4096 zero bytes after the last gzip member")])
        }
    }

    func testTrailingGarbageIsAnError() {
        let member = TestFiles.gzip(lines(1...5))
        let path = TestFiles.write(member + Data("not gzip".utf8), "garbage.gz", in: folder)
        for reader in readers {
            let (sink, report) = reader.collect(path)
            XCTAssertEqual(sink.lines.count, 5)
            XCTAssertEqual(report.problems.first?.kind, .trailingGarbage)
            XCTAssertEqual(report.problems.first?.offset, member.count)
        }
    }

    func testCorruptMemberInTheMiddle() {
        let first = TestFiles.gzip(lines(1...100))
        var second = TestFiles.gzip(lines(101...5000))
        let third = TestFiles.gzip(lines(5001...5010))
        // Damage the deflate data well inside the second member.
        for i in (second.count / 2)..<(second.count / 2 + 64) { second[second.startIndex + i] ^= 0x5A }
        let path = TestFiles.write(first + second + third, "corrupt.gz", in: folder)
        for reader in readers {
            let (sink, report) = reader.collect(path)
            XCTAssertGreaterThanOrEqual(sink.lines.count, 100, "the first member is delivered whole")
            XCTAssertLessThan(sink.lines.count, 5000)
            XCTAssertEqual(sink.lines.prefix(100), lines(1...100).split(separator: "\n").map(String.init)[...])
            XCTAssertEqual(report.problems.first?.kind, .corrupt)
            let offset = report.problems.first?.offset ?? -1
            XCTAssertEqual(offset, first.count, "the damaged member begins there")
            // The second member's lines were delivered before the damage was found: unverified.
            XCTAssertEqual(sink.memberStarts, [[0, 1], [1, 101]])
            XCTAssertEqual(sink.passed, [0])
            XCTAssertEqual(report.firstUnverifiedLine, 101)
            XCTAssertEqual(report.unverifiedLines, sink.lines.count - 100)
        }
    }

    func testMembersAreMarkedWhereTheirFirstLineBegins() {
        // The second member begins inside line 3: that line holds bytes of both.
        let data = TestFiles.gzip("a 1\nb 2\nc") + TestFiles.gzip(" 3\nd 4\n") + TestFiles.gzip("e 5\n")
        let path = TestFiles.write(data, "straddle.gz", in: folder)
        for reader in readers {
            let (sink, report) = reader.collect(path)
            XCTAssertEqual(sink.lines, ["a 1", "b 2", "c 3", "d 4", "e 5"])
            XCTAssertEqual(sink.memberStarts, [[0, 1], [1, 3], [2, 5]])
            XCTAssertEqual(sink.passed, [0, 1, 2])
            XCTAssertEqual(report.unverifiedLines, 0)
            XCTAssertNil(report.firstUnverifiedLine)
        }
    }

    func testReservedHeaderFlagsAreRefusedByEveryInflater() {
        // Found by fuzzing: ISA-L read a member whose header sets a reserved flag; zlib (and
        // RFC 1952) refuse it. Both refuse it now, the member before it read whole.
        let good = TestFiles.gzip(lines(1...3))
        var flagged = TestFiles.gzip(lines(4...6))
        flagged[flagged.startIndex + 3] |= 0x20
        let path = TestFiles.write(good + flagged, "flags.gz", in: folder)
        for reader in readers {
            let (sink, report) = reader.collect(path)
            XCTAssertEqual(sink.lines.count, 3)
            XCTAssertEqual(report.problems.first?.kind, .corrupt)
            XCTAssertEqual(report.problems.first?.offset, good.count)
            XCTAssertTrue(report.problems.first?.detail.hasPrefix("reserved gzip header flags set") ?? false)
        }
    }

    func testTruncatedMembersLinesAreUnverified() {
        let first = TestFiles.gzip(lines(1...10))
        let second = TestFiles.gzip(lines(11...20000))
        let path = TestFiles.write(first + second.prefix(second.count / 2), "cut-second.gz", in: folder)
        for reader in readers {
            let (sink, report) = reader.collect(path)
            XCTAssertGreaterThan(sink.lines.count, 1000)
            XCTAssertEqual(report.problems.first?.kind, .truncated)
            XCTAssertEqual(sink.passed, [0])
            XCTAssertEqual(report.firstUnverifiedLine, 11)
            XCTAssertEqual(report.unverifiedLines, sink.lines.count - 10)
        }
    }

    func testCRCErrorIsCorrupt() {
        var member = TestFiles.gzip(lines(1...10))
        member[member.count - 6] ^= 0xFF // inside the CRC32 of the trailer
        let path = TestFiles.write(member, "crc.gz", in: folder)
        for reader in readers {
            let (sink, report) = reader.collect(path)
            XCTAssertEqual(sink.lines.count, 10, "the lines were inflated before the trailer was checked")
            XCTAssertEqual(report.problems.first?.kind, .corrupt)
            XCTAssertEqual(report.problems.first?.offset, 0)
            XCTAssertEqual(report.unverifiedLines, 10, "none of them is trusted")
            XCTAssertEqual(report.firstUnverifiedLine, 1)
            XCTAssertTrue(sink.passed.isEmpty)
        }
    }

    func testPlainFileIsRecognisedByItsBytesNotItsName() {
        let path = TestFiles.write(Data("a\nb\nc".utf8), "looks-like.gz", in: folder)
        let gz = TestFiles.write(TestFiles.gzip("x\ny\n"), "access.log", in: folder)
        for reader in readers {
            let (plain, report) = reader.collect(path)
            XCTAssertEqual(plain.lines, ["a", "b", "c"], "a last line without a newline is still a line")
            XCTAssertFalse(report.gzip)
            let (zipped, zreport) = reader.collect(gz)
            XCTAssertEqual(zipped.lines, ["x", "y"])
            XCTAssertTrue(zreport.gzip)
        }
    }

    func testCRLFIsStripped() {
        let path = TestFiles.write(TestFiles.gzip("one\r\ntwo\r\n\r\nthree\n"), "crlf.gz", in: folder)
        for reader in readers {
            let (sink, _) = reader.collect(path)
            XCTAssertEqual(sink.lines, ["one", "two", "", "three"])
        }
    }

    func testEmptyFiles() {
        let empty = TestFiles.write(Data(), "empty.log", in: folder)
        let emptyGz = TestFiles.write(TestFiles.gzip(""), "empty.gz", in: folder)
        for reader in readers {
            let (a, ra) = reader.collect(empty)
            XCTAssertEqual(a.lines, [])
            XCTAssertTrue(ra.isComplete)
            let (b, rb) = reader.collect(emptyGz)
            XCTAssertEqual(b.lines, [])
            XCTAssertTrue(rb.isComplete)
            XCTAssertEqual(rb.members, 1)
        }
    }

    func testTenMegabyteLineBetweenTwoGoodOnes() {
        let long = String(repeating: "z", count: 10 << 20)
        let text = "good one\n" + long + "\ngood two\n"
        let gz = TestFiles.write(TestFiles.gzip(text), "long.gz", in: folder)
        let plain = TestFiles.write(Data(text.utf8), "long.log", in: folder)
        for reader in readers {
            for path in [gz, plain] {
                let (sink, report) = reader.collect(path)
                XCTAssertEqual(sink.lines, ["good one", "good two"])
                XCTAssertEqual(sink.numbers, [1, 3])
                XCTAssertEqual(sink.oversized.map(\.number), [2])
                XCTAssertEqual(sink.oversized.first?.length, 10 << 20)
                XCTAssertEqual(report.lines, 3)
            }
        }
    }

    func testLinesAcrossSmallChunks() {
        let text = lines(1...300)
        let path = TestFiles.write(TestFiles.gzip(text) + TestFiles.gzip(text), "small.gz", in: folder)
        let expected = (text + text).split(separator: "\n").map(String.init)
        for kind in InflaterKind.allCases {
            let reader = LineReader(maxLineLength: 64, inflater: kind, chunkSize: 16)
            let (sink, report) = reader.collect(path)
            XCTAssertEqual(sink.lines, expected)
            XCTAssertTrue(report.isComplete)
        }
    }

    func testShaOfTheFileAsStored() {
        let data = TestFiles.gzip(lines(1...100))
        let path = TestFiles.write(data, "sha.gz", in: folder)
        let expected = String(decoding: TestFiles.run("/usr/bin/env", ["sha256sum", path]).prefix(64), as: UTF8.self)
        XCTAssertEqual(expected.count, 64)
        XCTAssertEqual(LineReader().collect(path).1.sha256, expected)
    }

    func testMissingFileIsReported() {
        let (sink, report) = LineReader().collect(folder.appendingPathComponent("nope.gz").path)
        XCTAssertEqual(sink.lines, [])
        XCTAssertEqual(report.problems.first?.kind, .unreadable)
    }
}

final class InflaterAgreementTests: XCTestCase {
    let folder = TestFiles.folder()

    /// Every inflater delivers the same lines and reports the same problems on damaged files.
    func testInflatersAgreeOnDamagedFiles() throws {
        // Both inflaters are always built in (Package.swift requires libisal-dev as it requires
        // zlib1g-dev): two to compare, never one compared with itself.
        let kinds = InflaterKind.allCases
        XCTAssertEqual(kinds, [.zlib, .isal])
        let text = (1...30000).map { "line \($0) \(String(repeating: "y", count: $0 % 50))\n" }.joined()
        let member = TestFiles.gzip(text)
        var corrupt = member
        for i in (member.count / 3)..<(member.count / 3 + 32) { corrupt[corrupt.startIndex + i] ^= 0x33 }
        var badCRC = member
        badCRC[badCRC.count - 6] ^= 0xFF
        let cases: [(String, Data)] = [
            ("members", member + TestFiles.gzip("tail\n")),
            ("truncated", member.prefix(member.count * 2 / 3)),
            ("truncated-header", member + member.prefix(5)),
            ("zeros", member + Data(repeating: 0, count: 1000)),
            ("garbage", member + Data("junk".utf8)),
            ("corrupt", corrupt),
            ("crc", badCRC),
        ]
        for (name, data) in cases {
            let path = TestFiles.write(data, name + ".gz", in: folder)
            let results = kinds.map { LineReader(inflater: $0).collect(path) }
            for (kind, result) in zip(kinds, results).dropFirst() {
                XCTAssertEqual(result.0.lines, results[0].0.lines, "\(name): \(kind) delivers other lines")
                XCTAssertEqual(result.1.problems.map(\.kind), results[0].1.problems.map(\.kind), "\(name): \(kind)")
                XCTAssertEqual(result.1.problems.map(\.offset), results[0].1.problems.map(\.offset), "\(name): \(kind)")
            }
        }
    }
}

final class FilePipelineTests: XCTestCase {
    let folder = TestFiles.folder()

    /// Reading, parsing and matching on several threads gives, in order, what one thread gives.
    func testSameAsOneThread() throws {
        let yaml = """
        log:
          pattern: '$remote_addr [$time_local] "$request" $status uid=$cookie_uid'
        viewer: $cookie_uid
        rules:
          - name: a
            path: /a/{id}
            subject: '{id}'
        """
        let incidentPath = TestFiles.write(Data(yaml.utf8), "replay.yaml", in: folder)
        let incident = try IncidentLoader.load(path: incidentPath)
        var text = ""
        for i in 1...40000 {
            let second = String(format: "%02d", i % 60)
            text += i % 997 == 0 ? "garbage \(i)\n" : "10.0.0.\(i % 7) [25/Dec/2015:11:50:\(second) -0800] \"GET /\(i % 3 == 0 ? "a" : "b")/\(i) HTTP/1.1\" 200 uid=u\(i % 50)\n"
        }
        text += String(repeating: "L", count: 5000) + "\n"
        let path = TestFiles.write(TestFiles.gzip(text) + TestFiles.gzip("10.9.9.9 [25/Dec/2015:11:50:00 -0800] \"GET /a/z HTTP/1.1\" 200 uid=-\n"), "p.gz", in: folder)
        let window = Window(start: .min, end: .max)
        let reader = LineReader(maxLineLength: 2048, chunkSize: 4096)

        // One thread: the matcher straight on the reader's lines.
        struct Direct: LineSink {
            let matcher: RequestMatcher
            var seen: [String] = []
            mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
                if matcher.read(bytes) != nil { seen.append("\(number) rejected"); return }
                var arena: [UInt8] = []
                if let m = matcher.match(bytes, arena: &arena) {
                    seen.append("\(number) \(matcher.time) \(m.rule) \(String(decoding: arena, as: UTF8.self))")
                } else {
                    seen.append("\(number) \(matcher.time)")
                }
            }
            mutating func oversizedLine(number: Int, length: Int) { seen.append("\(number) rejected") }
        }
        var direct = Direct(matcher: try RequestMatcher(incident: incident, window: window))
        let r1 = reader.read(path: path, into: &direct)

        let pipeline = FilePipeline(reader: reader, matchers: try (0..<3).map { _ in try RequestMatcher(incident: incident, window: window) },
                                    byVariable: false)
        var seen: [String] = []
        var lastLine = 0
        let numbering = RequestNumbering(builder: RequestBuilder(incident: incident))
        numbering.file = 7
        let r2 = pipeline.run(path: FilePath(path), ledger: MemberLedger(), numbering: numbering) { batch in
            for i in 0..<batch.numbers.count {
                switch batch.fates[i] {
                case .rejected: seen.append("\(batch.numbers[i]) rejected")
                case .parsed: seen.append("\(batch.numbers[i]) \(batch.times[i])")
                case .matched:
                    let m = batch.matches[Int(batch.details[i])]
                    // Numbered on the numbering thread: this line's request, in order.
                    let request = batch.requests[Int(batch.details[i])]
                    XCTAssertEqual([request.line, Int(request.file), Int(request.time)], [batch.numbers[i], 7, Int(batch.times[i])])
                    XCTAssertGreaterThan(request.line, lastLine)
                    lastLine = request.line
                    var bytes: [UInt8] = []
                    for r in [m.key, m.viewer, m.subject] where !r.isNone { bytes += batch.arena[Int(r.start)..<Int(r.start + r.count)] }
                    seen.append("\(batch.numbers[i]) \(batch.times[i]) \(m.rule) \(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
        XCTAssertEqual(seen.count, 40002)
        XCTAssertEqual(seen, direct.seen)
        XCTAssertEqual(r2.sha256, r1.sha256)
        XCTAssertEqual(r2.lines, r1.lines)
        XCTAssertEqual(r2.members, 2)
        XCTAssertEqual(seen.filter { $0.hasSuffix("rejected") }.count, 41)
    }
}
