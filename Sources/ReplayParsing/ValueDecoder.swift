import ReplaySupport

/// Turns a logged value back into the bytes nginx had, undoing its escaping.
package enum ValueDecoder {
    /// Whether a raw value means "absent" (`-`, or empty).
    @inline(__always)
    package static func isAbsent(_ raw: UnsafeRawBufferPointer) -> Bool {
        raw.count == 0 || (raw.count == 1 && raw[0] == 0x2D)
    }

    /// Appends the decoded bytes of `raw` to `out`.
    package static func decode(_ raw: UnsafeRawBufferPointer, mode: EscapeMode, into out: inout [UInt8]) {
        guard mode != .none, raw.contains(0x5C) else {
            out.append(contentsOf: raw)
            return
        }
        var i = 0
        let n = raw.count
        while i < n {
            let b = raw[i]
            guard b == 0x5C, i + 1 < n else { out.append(b); i += 1; continue }
            let next = raw[i + 1]
            switch mode {
            case .default, .none:
                if next == 0x78 || next == 0x58, i + 3 < n, let hi = hex(raw[i + 2]), let lo = hex(raw[i + 3]) {
                    out.append(hi << 4 | lo)
                    i += 4
                } else {
                    out.append(b); i += 1
                }
            case .json:
                i += 2
                switch next {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard let unit = hex4(raw, at: i) else { out.append(0x5C); out.append(next); continue }
                    i += 4
                    var scalar = UInt32(unit)
                    if unit >= 0xD800 && unit < 0xDC00, i + 5 < n, raw[i] == 0x5C, raw[i + 1] == 0x75,
                       let low = hex4(raw, at: i + 2), low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        i += 6
                    }
                    appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
                default:
                    out.append(0x5C); out.append(next)
                }
            }
        }
    }

    @inline(__always)
    package static func hex(_ b: UInt8) -> UInt8? { Bytes.hexDigit(b) }

    private static func hex4(_ raw: UnsafeRawBufferPointer, at i: Int) -> UInt16? {
        guard i + 3 < raw.count else { return nil }
        var v: UInt16 = 0
        for k in 0..<4 {
            guard let d = hex(raw[i + k]) else { return nil }
            v = v << 4 | UInt16(d)
        }
        return v
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: String(Character(scalar)).utf8)
    }
}
