/// A node's key histories by interned key (SPEC §3.7), in pages that never move: the table
/// grows a page at a time and copies nothing. An array of histories doubled as keys came, and
/// each doubling copied every history into fresh memory (the copies, their page faults and the
/// old arrays' release were a fifth of what the candidate rule cost).
/// Its pages are managed by hand, safe because this object is their only owner: allocated when
/// it grows, freed in its `deinit`, lent out only as pointers that a caller uses at once.
final class KeyHistoryTable {
    private static let pageShift = 11
    private static let pageSize = 1 << pageShift
    private var pages: [UnsafeMutablePointer<KeyHistory>] = []

    /// Keys below this have a history (empty until something is added).
    private(set) var count = 0

    init() {}

    deinit {
        for page in pages {
            page.deinitialize(count: Self.pageSize)
            page.deallocate()
        }
    }

    /// Makes room for key `k`.
    @inline(__always)
    func include(_ k: Int) {
        if k >= count { grow(toInclude: k) }
    }

    private func grow(toInclude k: Int) {
        while k >= count {
            let page = UnsafeMutablePointer<KeyHistory>.allocate(capacity: Self.pageSize)
            page.initialize(repeating: KeyHistory(), count: Self.pageSize)
            pages.append(page)
            count += Self.pageSize
        }
    }

    /// Key `k`'s history, where it lies (`k` below `count`).
    @inline(__always)
    subscript(k: Int) -> UnsafeMutablePointer<KeyHistory> {
        precondition(k >= 0 && k < count, "a key without a history")
        return pages.withUnsafeBufferPointer { $0[k >> Self.pageShift] } + (k & (Self.pageSize - 1))
    }

    /// Calls `body` with every history.
    func forEach(_ body: (UnsafeMutablePointer<KeyHistory>) -> Void) {
        for page in pages {
            for i in 0..<Self.pageSize { body(page + i) }
        }
    }
}
