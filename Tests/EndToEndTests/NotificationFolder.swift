import Foundation
import XCTest

/// A hand-written incident for what legal and each person get (issue 13): a 17-digit Steam id
/// and an id that looks like a formula on a seller page, a confirmed account page (alice, to
/// erin and frank), two renders that overlap so that the HIT after them may have served either
/// (carol and dave: possible), and a directory with countries, time zones and cells that look
/// like formulas. zoe is in the directory and saw nothing; bob, erin, frank and gina only saw.
enum NotificationFolder {
    static let lines = [
        #"1451073300.000 10.0.0.1 "GET /sellers/76561198000000097/profile HTTP/1.1" 200 - uid=bob"#,   // 19:55
        #"1451073310.000 10.0.0.9 "GET /sellers/@SUM(1+1)/profile HTTP/1.1" 200 - uid=erin"#,          // 19:55:10
        #"1451073600.000 10.0.0.2 "GET /account/ HTTP/1.1" 200 MISS uid=alice"#,                        // 20:00
        #"1451073660.000 10.0.0.3 "GET /account/ HTTP/1.1" 200 HIT uid=erin"#,                          // alice's page, to erin
        #"1451073720.000 10.0.0.4 "GET /account/ HTTP/1.1" 200 HIT uid=frank"#,                         // and to frank
        #"1451074200.000 10.0.0.5 "GET /account/ HTTP/1.1" 200 MISS uid=carol"#,                        // 20:10:00
        #"1451074201.000 10.0.0.6 "GET /account/ HTTP/1.1" 200 MISS uid=dave"#,                         // 20:10:01, overlapping
        #"1451074230.000 10.0.0.7 "GET /account/ HTTP/1.1" 200 HIT uid=gina"#,                          // carol's or dave's page
        #"1451076590.000 10.0.0.8 "GET /static/app.js HTTP/1.1" 200 - uid=-"#,                          // the logs cover the window
    ]

    static let users = """
    id,email,name,country,timezone
    76561198000000097,steam97@example.com,=1+2,DE,Europe/Berlin
    @SUM(1+1),sum@example.com,+49 30 1234,US,America/New_York
    alice,alice@example.com,-Alice-,GB,Europe/London
    carol,carol@example.com,"Carol, C.",FR,Europe/Paris
    dave,dave@example.com,Dave D,US,
    bob,bob@example.com,Bob B,DE,Europe/Berlin
    erin,erin@example.com,Erin E,IT,Europe/Rome
    frank,frank@example.com,Frank F,NL,Europe/Amsterdam
    gina,gina@example.com,Gina G,ES,Europe/Madrid
    zoe,zoe@example.com,Zoe Z,SE,Europe/Stockholm

    """

    /// The folder, run into `out`.
    static func make(extraLines: [String] = [], extraRules: String = "", extraUsers: String = "", expectStatus: Int32 = 0) throws -> URL {
        let folder = try ReplayBinary.newFolder("notify", logs: "logs/edge1")
        try ((lines + extraLines).sorted().joined(separator: "\n") + "\n")
            .write(to: folder.appendingPathComponent("logs/edge1/access.log"), atomically: true, encoding: .utf8)
        try (users + extraUsers).write(to: folder.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        try """
        incident: notify-test
        log:
          pattern: '$msec $remote_addr "$request" $status $upstream_cache_status uid=$cookie_uid'
          max_request: 2s
          gap: 1h
        viewer: $cookie_uid
        cache:
          stores: uncertain
          key: $request_uri
          status: $upstream_cache_status
          max_age: 10m
        rules:
          - name: account-page
            path: /account/
            subject: viewer
            fields: [name, email]
          - name: seller-profile
            path: /sellers/{seller}/profile
            subject: '{seller}'
            fields: [email]
        \(extraRules)
        directory: users.csv
        """.write(to: folder.appendingPathComponent("replay.yaml"), atomically: true, encoding: .utf8)
        let run = ReplayBinary.run(["--window", "2015-12-25T19:50:00Z..2015-12-25T20:50:00Z", "--quiet", "--out", "out", "logs"], in: folder)
        XCTAssertEqual(run.status, expectStatus, run.stderr)
        return folder
    }
}
