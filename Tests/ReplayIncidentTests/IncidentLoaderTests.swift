import XCTest
import TestSupport
import ReplayCSV
import ReplaySupport
@testable import ReplayIncident

final class IncidentLoaderTests: XCTestCase {
    let folder = TestFiles.folder()

    func load(_ yaml: String) throws -> Incident {
        let path = TestFiles.write(Data(yaml.utf8), "replay.yaml", in: folder)
        return try IncidentLoader.load(path: path)
    }

    let minimal = """
    log:
      pattern: combined
    viewer: $remote_user
    rules:
      - name: account
        path: ['/account/', '/account/{id}']
        method: [GET, POST]
        status: [200, 203]
        subject: viewer
        fields: [email]
    """

    func testDefaultsAndLists() throws {
        let incident = try load(minimal)
        XCTAssertEqual(incident.timeFormat, .local)
        XCTAssertEqual(incident.node, .dir)
        XCTAssertEqual(incident.reorder, 60_000)
        XCTAssertEqual(incident.anonymous.variables, ["remote_addr"])
        XCTAssertNil(incident.cache)
        XCTAssertEqual(incident.rules[0].methods, ["GET", "POST"])
        XCTAssertEqual(incident.rules[0].statuses, [200, 203])
        XCTAssertEqual(incident.rules[0].paths.count, 2)
        XCTAssertEqual(incident.sha256.count, 64)
    }

    func testJSONIsAcceptedAsYAML() throws {
        let incident = try load(#"{"log": {"pattern": "combined", "reorder": "500ms"}, "viewer": "$remote_user", "rules": [{"name": "a", "path": "/a", "subject": "viewer"}]}"#)
        XCTAssertEqual(incident.reorder, 500)
        XCTAssertEqual(incident.rules.map(\.name), ["a"])
    }

    func testCacheDefaultsAndConflicts() throws {
        let withCache = minimal.replacingOccurrences(of: "rules:", with: "cache:\n  key: $request_uri\n  status: $status\n  refresh: [stale]\nrules:")
        let cache = try XCTUnwrap(try load(withCache).cache)
        XCTAssertEqual(cache.served, ["HIT", "STALE", "UPDATING", "REVALIDATED"])
        XCTAssertEqual(cache.stored, ["MISS", "EXPIRED"])
        XCTAssertEqual(cache.refresh, ["STALE"])
        let conflicting = withCache.replacingOccurrences(of: "  refresh: [stale]", with: "  stored: [HIT]")
        XCTAssertThrowsError(try load(conflicting)) { XCTAssertTrue("\($0)".contains("HIT is listed both as served and as stored")) }
    }

    func testDurations() {
        XCTAssertEqual(DurationText.milliseconds("60s"), 60_000)
        XCTAssertEqual(DurationText.milliseconds("250ms"), 250)
        XCTAssertEqual(DurationText.milliseconds("2m"), 120_000)
        XCTAssertEqual(DurationText.milliseconds("1h"), 3_600_000)
        XCTAssertEqual(DurationText.milliseconds("1.5s"), 1500)
        XCTAssertNil(DurationText.milliseconds("30"), "seconds or milliseconds? a unit is required")
        XCTAssertEqual(DurationText.milliseconds("0"), 0)
        XCTAssertNil(DurationText.milliseconds("soon"))
        XCTAssertNil(DurationText.milliseconds("-1s"))
        // Found by fuzzing: a huge number overflowed (a trap, not a refusal).
        XCTAssertNil(DurationText.milliseconds(String(repeating: "3", count: 40) + "0s"))
        XCTAssertNil(DurationText.milliseconds("9223372036854775807h"))
        XCTAssertNil(DurationText.milliseconds("1e300s"))
        XCTAssertNil(DurationText.milliseconds("367d"))
        XCTAssertEqual(DurationText.milliseconds("24h"), 86_400_000)
    }

    func testWindow() throws {
        let w = try Window(parsing: "2015-12-25T11:50:00-08:00..2015-12-25T20:50:00.5Z")
        XCTAssertEqual(w.start, 1_451_073_000_000)
        XCTAssertEqual(w.end, 1_451_076_600_500)
        XCTAssertTrue(w.contains(w.start))
        XCTAssertFalse(w.contains(w.end))
        XCTAssertThrowsError(try Window(parsing: "2015-12-25T11:50:00..2015-12-25T20:50:00Z"))
        XCTAssertThrowsError(try Window(parsing: "9999-12-31T20:00:00Z..9999-12-31T23:00:00-05:00")) { error in
            XCTAssertTrue("\(error)".contains("outside the years 0001–9999"), "\(error)")
        }
    }

    func testCSVTables() throws {
        let table = try CSVTable(bytes: Array("\u{FEFF}key,subject\r\nB1,\"a, b\"\nB1,\"say \"\"hi\"\"\"\n\nB2,\"multi\nline\"\n".utf8))
        XCTAssertEqual(table.header, ["key", "subject"])
        XCTAssertEqual(table.rows, [["B1", "a, b"], ["B1", "say \"hi\""], ["B2", "multi\nline"]])
        let subjects = try Array("key,subject\nB1,\"a, b\"\nB1,\"say \"\"hi\"\"\"\nB1,\"a, b\"\n".utf8).withUnsafeBytes { try SubjectTable(bytes: $0) }
        XCTAssertEqual(subjects.subjects[ByteKey(Array("B1".utf8))], [Array("a, b".utf8), Array("say \"hi\"".utf8)], "a repeated row counts once")
        XCTAssertThrowsError(try CSVTable(bytes: Array("a,b\n\"open".utf8)))
    }
}

final class DirectoryTests: XCTestCase {
    func testRowsOfTheAffectedOnly() throws {
        let folder = TestFiles.folder()
        let path = TestFiles.write(Data("id,email,name,Country\r\na,a@x,\"A, the first\",DE\nb,b@x\na,again@x,A2,FR\nc,c@x,C,US,extra\n".utf8), "users.csv", in: folder)
        let directory = try Directory(path: path)
        XCTAssertEqual(directory.columns, ["email", "name", "Country"])
        XCTAssertEqual(directory.countryColumn, 2)
        let join = try directory.join(["a", "b", "c", "zz"])
        let rows = join.rows
        XCTAssertEqual(rows["a"], ["a@x", "A, the first", "DE"], "the first row is kept")
        XCTAssertEqual(join.duplicates.map { [$0.first, $0.other] }, [[2, 4]], "a's second row differs: its lines, no values")
        XCTAssertEqual(rows["b"], ["b@x", "", ""], "a short row is padded")
        XCTAssertEqual(rows["c"], ["c@x", "C", "US"], "a long row is cut to the columns")
        XCTAssertNil(rows["zz"])
        XCTAssertEqual(try directory.rows(for: ["b"]).keys.sorted(), ["b"], "only the ids asked for are kept")
        let broken = TestFiles.write(Data("id,email\nx,\"open\n".utf8), "broken.csv", in: folder)
        XCTAssertThrowsError(try Directory(path: broken))
    }

    // Ids are found by their raw bytes, quotes undone, asked for as the outputs write them
    // (`\xHH` for a byte that is not UTF-8 and for `\`): `CORP\alice` and `b\xFFc` find their rows.
    func testIdsQuotedNonASCIIAndNotUTF8() throws {
        let folder = TestFiles.folder()
        var bytes = Array("id,email\n\"q,1\",q@x\nJosé,j@x\nCORP\\alice,alice@x\n".utf8)
        bytes += [0x62, 0xFF, 0x63] + Array(",bad@x\nb,b@x\nb,b@x\n".utf8)
        let directory = try Directory(path: TestFiles.write(Data(bytes), "users.csv", in: folder))
        let join = try directory.join(["q,1", "José", "b\\xFFc", "CORP\\x5Calice", "b"])
        XCTAssertEqual(join.rows["q,1"], ["q@x"])
        XCTAssertEqual(join.rows["José"], ["j@x"])
        XCTAssertEqual(join.rows["b\\xFFc"], ["bad@x"])
        XCTAssertEqual(join.rows["CORP\\x5Calice"], ["alice@x"])
        XCTAssertEqual(join.rows.count, 5)
        XCTAssertTrue(join.duplicates.isEmpty, "two equal rows are one")
    }
}

final class StoresAndSpansKeysTests: XCTestCase {
    let folder = TestFiles.folder()

    func load(_ cache: String, log: String = "", pattern: String = "$remote_addr [$time_local] \\\"$request\\\" $status $upstream_cache_status $upstream_http_set_cookie \\\"$upstream_http_cache_control\\\" $request_time") throws -> Incident {
        let yaml = """
        log:
          pattern: "\(pattern)"
        \(log)
        viewer: $remote_addr
        cache:
          key: $request_uri
          status: $upstream_cache_status
        \(cache)
        rules:
          - name: account
            path: /account/
            subject: viewer
        """
        return try IncidentLoader.load(path: TestFiles.write(Data(yaml.utf8), "replay.yaml", in: folder))
    }

    func message(_ body: () throws -> Incident) -> String {
        do { _ = try body(); return "accepted" } catch { return "\(error)" }
    }

    func testDefaultsAreUncertainAndTwoSeconds() throws {
        let incident = try load("")
        XCTAssertFalse(incident.cache!.storesCertain)
        XCTAssertFalse(incident.cache!.lock)
        XCTAssertEqual(incident.maxRequest, 2_000)
        XCTAssertTrue(incident.spans)
        XCTAssertFalse(incident.storeTimes, "no $upstream_response_time logged")
    }

    func testTheKeysAreRead() throws {
        let incident = try load("""
          stores: certain
          lock: true
          not_stored:
            - $upstream_http_set_cookie
            - $upstream_http_cache_control: [Private, no-store]
        """, log: "  max_request: 500ms")
        XCTAssertTrue(incident.cache!.storesCertain)
        XCTAssertTrue(incident.cache!.lock)
        XCTAssertEqual(incident.maxRequest, 500)
        XCTAssertEqual(incident.cache!.notStored, [NotStoredCondition(variable: "upstream_http_set_cookie", tokens: nil),
                                                   NotStoredCondition(variable: "upstream_http_cache_control", tokens: ["private", "no-store"])])
    }

    func testBadValuesAreRefusedByKey() {
        XCTAssertTrue(message { try load("  stores: maybe") }.contains("cache.stores: expected certain or uncertain"))
        XCTAssertTrue(message { try load("  lock: sometimes") }.contains("cache.lock: expected true or false"))
        XCTAssertTrue(message { try load("  not_stored: [$upstream_http_vary]") }.contains("cache.not_stored[0]: the log pattern cannot provide $upstream_http_vary"))
        XCTAssertTrue(message { try load("  not_stored: [set_cookie]") }.contains("expected a variable"))
        XCTAssertTrue(message { try load("  not_stored:\n    - $upstream_http_cache_control: []") }.contains("expected at least one token"))
        XCTAssertTrue(message { try load("", log: "  max_request: 2") }.contains("log.max_request"))
    }
}
