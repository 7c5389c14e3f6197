import Foundation
import FuzzSupport
import ReplayParsing
import ReplayIncident
import ReplayMatching

// libFuzzer target: the log-pattern compiler, the incident's checks of it and the line parser
// with the matcher. The input's first line is an nginx log_format value; the lines after it
// are log lines read against it. Any bytes: a refusal is fine, a crash or a hang is not.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPatternLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let end = bytes.firstIndex(of: 0x0A) ?? size
    let pattern = String(decoding: bytes[0..<end], as: UTF8.self)
    let escape = pattern.hasPrefix("json ") ? "json" : "default"
    let incident: [String: Any] = [
        "log": ["format": "nginx", "pattern": escape == "json" ? String(pattern.dropFirst(5)) : pattern, "escape": escape],
        "viewer": "$cookie_uid",
        "cache": ["key": "$host$request_uri", "status": "$upstream_cache_status"],
        "rules": [
            ["name": "account", "path": "/account/", "subject": "viewer", "fields": ["email"]],
            ["name": "seller", "path": ["/sellers/{s}/**", "/s/*/{s}"], "subject": "{s}", "fields": ["email"], "status": [200, 304]],
        ],
    ]
    guard let json = try? JSONSerialization.data(withJSONObject: incident),
          let loaded = try? IncidentLoader.load(text: String(decoding: json, as: UTF8.self), path: "fuzz.yaml"),
          let probe = try? LineProbe(incident: loaded) else { return 0 }
    let parser = LineParser(pattern: loaded.pattern)
    var start = min(end + 1, size)
    while start < size {
        let stop = bytes[start...].firstIndex(of: 0x0A) ?? size
        let line = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<stop])
        if parser.parse(line) == nil {
            for k in 0..<loaded.pattern.fields.count {
                let span = parser.span(k)
                precondition(span.start >= 0 && span.start + span.count <= line.count, "a field outside its line")
            }
        }
        _ = probe.read(line)
        start = stop + 1
    }
    return 0
}

#if !REPLAY_FUZZING
@main struct Main { static func main() { CorpusReplay.run(fuzzPatternLines) } }
#endif
