import Foundation
import XCTest

/// The hand-written multi-node log set of Traces/rules-by-hand, in which every rule of SPEC §3
/// decides a case. The expected rows below were worked out by hand from the spec, line by line.
final class RulesByHandTests: XCTestCase {
    let window = "2015-12-25T11:50:00-08:00..2015-12-25T20:50:00Z"

    /// Exposures with `refresh: []`, in evidence order. Each row names the case it decides.
    let exposures = [
        // first millisecond of the window: a render at 19:50:00.000 exposes (19:49:59.999 does not)
        "2015-12-25T19:50:00.000Z,edge-blr,seller-profile,s2,yara,logs/edge-blr/access.log.gz,2,origin,2015-12-25T19:50:00.000Z",
        // ?v=3 and ?v=4 differ only in the query string: frank's HIT on ?v=4 is unresolved, grace gets erin's page
        "2015-12-25T20:07:00.000Z,edge-sfo,account-page,erin,grace,logs/edge-sfo/access.log.1.gz,6,cache,2015-12-25T20:05:00.000Z",
        // an anonymous viewer at the origin, then REVALIDATED served from the cache
        "2015-12-25T20:10:00.000Z,edge-sfo,seller-profile,s1,anon:10.0.0.1,logs/edge-sfo/access.log.1.gz,7,origin,2015-12-25T20:10:00.000Z",
        "2015-12-25T20:12:00.000Z,edge-sfo,seller-profile,s1,henry,logs/edge-sfo/access.log.1.gz,8,cache,2015-12-25T20:10:00.000Z",
        // the 302 MISS in between stored nothing: kim still gets ivan's page
        "2015-12-25T20:17:00.000Z,edge-sfo,account-page,ivan,kim,logs/edge-sfo/access.log.1.gz,11,cache,2015-12-25T20:15:00.000Z",
        // the same key on edge-fra (mia) is unresolved there: nodes never share a cache
        "2015-12-25T20:22:00.000Z,edge-sfo,account-page,leo,nina,logs/edge-sfo/access.log.1.gz,13,cache,2015-12-25T20:20:00.000Z",
        // the plain access.log holds the node's newest lines: read after access.log.1.gz
        "2015-12-25T20:26:00.000Z,edge-sfo,account-page,olga,paul,logs/edge-sfo/access.log,1,cache,2015-12-25T20:25:00.000Z",
        // two buffering workers: rita's HIT reached the file before quinn's MISS; $msec puts them right
        "2015-12-25T20:30:01.000Z,edge-blr,account-page,quinn,rita,logs/edge-blr/access.log.gz,3,cache,2015-12-25T20:30:00.500Z",
        // sam's own HIT is a self-view; tom's is an exposure
        "2015-12-25T20:37:00.000Z,edge-fra,account-page,sam,tom,logs/edge-fra/access.log.gz,7,cache,2015-12-25T20:35:00.000Z",
        // two anonymous viewers at different addresses
        "2015-12-25T20:39:00.000Z,edge-fra,account-page,uma,anon:10.0.0.2,logs/edge-fra/access.log.gz,9,cache,2015-12-25T20:38:00.000Z",
        "2015-12-25T20:39:30.000Z,edge-fra,account-page,uma,anon:10.0.0.3,logs/edge-fra/access.log.gz,10,cache,2015-12-25T20:38:00.000Z",
        // a table key with three subjects, one of them the viewer (wendy)
        "2015-12-25T20:40:00.000Z,edge-fra,qa-authors,victor,wendy,logs/edge-fra/access.log.gz,11,origin,2015-12-25T20:40:00.000Z",
        "2015-12-25T20:40:00.000Z,edge-fra,qa-authors,xena,wendy,logs/edge-fra/access.log.gz,11,origin,2015-12-25T20:40:00.000Z",
        // a HEAD that missed stored amy's page, served to ben; the 404 on a rule's path (cat) is nothing
        "2015-12-25T20:42:00.000Z,edge-fra,account-page,amy,ben,logs/edge-fra/access.log.gz,13,cache,2015-12-25T20:41:00.000Z",
        // STALE with refresh: [] serves dan's page to eve and, after it, to fay
        "2015-12-25T20:45:00.000Z,edge-fra,account-page,dan,eve,logs/edge-fra/access.log.gz,16,cache,2015-12-25T20:44:00.000Z",
        "2015-12-25T20:46:00.000Z,edge-fra,account-page,dan,fay,logs/edge-fra/access.log.gz,17,cache,2015-12-25T20:44:00.000Z",
        // last millisecond of the window (20:50:00.000 for s4 is outside)
        "2015-12-25T20:49:59.999Z,edge-blr,seller-profile,s3,zoe,logs/edge-blr/access.log.gz,5,origin,2015-12-25T20:49:59.999Z",
        // gil's line lagged 3 minutes (late, counted) but is still replayed: hal gets it after the window
        "2015-12-25T20:50:30.000Z,edge-blr,account-page,gil,hal,logs/edge-blr/access.log.gz,8,cache,2015-12-25T20:47:00.000Z",
        // a HIT after the window of a render made inside it (bob's HIT at 19:55 of alice's 19:40 page exposes nothing)
        "2015-12-25T21:10:00.000Z,edge-sfo,account-page,carol,dave,logs/edge-sfo/access.log,2,cache,2015-12-25T20:00:00.000Z",
    ]

    func testEveryRuleOfTheSpecDecidesItsCase() {
        let folder = ReplayBinary.copyOfTrace("rules-by-hand")
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2, "one late line makes the run incomplete: \(run.stderr)")
        let out = folder.appendingPathComponent("out")
        XCTAssertEqual(ReplayBinary.rows(out.appendingPathComponent("exposures.csv")),
                       ["time,node,rule,subject,viewer,file,line,delivery,rendered_at"] + exposures)
        let affected = ReplayBinary.rows(out.appendingPathComponent("affected.csv"))
        XCTAssertEqual(affected.first, "subject,exposures,viewers,first_exposed,last_exposed,rules,fields,email,name,country")
        XCTAssertEqual(affected.dropFirst().map { String($0.prefix { $0 != "," }) },
                       ["amy", "carol", "dan", "erin", "gil", "ivan", "leo", "olga", "quinn", "s1", "s2", "s3", "sam", "uma", "victor", "xena"])
        XCTAssertTrue(affected.contains("dan,2,2,2015-12-25T20:45:00.000Z,2015-12-25T20:46:00.000Z,account-page,billing_address;email;name,dan@example.com,Dan D,FR"))
        XCTAssertTrue(affected.contains("uma,2,2,2015-12-25T20:39:00.000Z,2015-12-25T20:39:30.000Z,account-page,billing_address;email;name,uma@example.com,Uma U,IN"))
        XCTAssertTrue(affected.contains(#"carol,1,1,2015-12-25T21:10:00.000Z,2015-12-25T21:10:00.000Z,account-page,billing_address;email;name,carol@example.com,"Carol, C.",US"#))
        XCTAssertTrue(affected.contains(#"erin,1,1,2015-12-25T20:07:00.000Z,2015-12-25T20:07:00.000Z,account-page,billing_address;email;name,erin@example.com,"'=HYPERLINK(""http://x"")",GB"#),
                      "a directory cell that starts with = is made harmless for spreadsheets")
        XCTAssertTrue(affected.contains("s2,1,1,2015-12-25T19:50:00.000Z,2015-12-25T19:50:00.000Z,seller-profile,email,,,"), "a subject the directory lacks has empty cells")
        let summary = ReplayBinary.summary(out)
        XCTAssertEqual(summary["complete"] as? Bool, false)
        XCTAssertEqual((summary["lines"] as? [String: Any])?["late"] as? Int, 1, "only gil's line is late: the files were read in time order")
        XCTAssertEqual((summary["unresolved"] as? [String: Any])?["total"] as? Int, 2, "frank's ?v=4 and mia's HIT on edge-fra")
        XCTAssertEqual((summary["unresolved"] as? [String: Any])?["possibly_exposing"] as? Int, 0)
        XCTAssertEqual(summary["subjects_not_in_directory"] as? Int, 10)
        for name in ["alice", "carol", "erin", "wendy", "10.0.0.2"] {
            XCTAssertFalse(run.stderr.contains(name) || run.stdout.contains(name), "no personal data on stdout or stderr")
        }
    }

    func testStaleWithBackgroundRefreshServesTheNewRenderAfter() throws {
        let folder = ReplayBinary.copyOfTrace("rules-by-hand")
        let rules = folder.appendingPathComponent("replay.yaml")
        let text = ReplayBinary.read(rules).replacingOccurrences(of: "refresh: []", with: "refresh: [STALE]")
        try text.write(to: rules, atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, 2)
        var expected = exposures
        // eve still receives dan's stored page; her STALE line re-rendered the page for her,
        // and fay's HIT after it gets eve's page.
        let fay = expected.firstIndex { $0.contains(",dan,fay,") }!
        expected[fay] = "2015-12-25T20:46:00.000Z,edge-fra,account-page,eve,fay,logs/edge-fra/access.log.gz,17,cache,2015-12-25T20:45:00.000Z"
        XCTAssertEqual(ReplayBinary.rows(folder.appendingPathComponent("out/exposures.csv")),
                       ["time,node,rule,subject,viewer,file,line,delivery,rendered_at"] + expected)
        let summary = ReplayBinary.summary(folder.appendingPathComponent("out"))
        XCTAssertEqual(summary["renders"] as? Int, 20, "the refresh is a render of its own")
    }

    func testOutputFilesArePrivate() throws {
        let folder = ReplayBinary.copyOfTrace("rules-by-hand")
        ReplayBinary.run(["--window", window, "--quiet", "--out", "out", "logs"], in: folder)
        for name in ["affected.csv", "affected.xlsx", "exposures.csv", "possible-exposures.csv", "possibly-affected.csv", "report.html", "summary.json", "SHA256SUMS"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("out/\(name)").path)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, name)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
        XCTAssertEqual(leftovers.sorted(), ["SHA256SUMS", "affected.csv", "affected.xlsx", "exposures.csv", "possible-exposures.csv", "possibly-affected.csv",
                                            "report.html", "summary.json"],
                       "no temporary files left behind")
    }
}
