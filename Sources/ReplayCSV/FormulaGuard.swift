/// The formula guard of every CSV file replay writes: a cell starting with `=`, `+`, `-`, `@`, a
/// tab, a carriage return or `'` is written with a leading `'`, so that a spreadsheet shows it as
/// text instead of running it. A leading `'` is guarded too, so that the guard is undone without
/// doubt: `=x` is written `'=x` and `'=x` is written `''=x`, and two ids never read back as one.
package enum FormulaGuard {
    /// Whether a cell whose first byte is `first` is written with a leading `'`.
    @inline(__always)
    package static func guards(_ first: UInt8) -> Bool {
        first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D || first == 0x27
    }

    /// Whether a cell read back as `first`, `second` carries a guard to remove.
    @inline(__always)
    package static func isGuarded(_ first: UInt8, _ second: UInt8) -> Bool {
        first == 0x27 && guards(second)
    }
}
