#if os(Linux)
import CMalloc
#endif

/// How the process takes memory from the system. glibc serves a large block from its heap once
/// a block that large was freed, and then keeps that memory: with a numbering thread's tables
/// growing beside a replay thread's lists, a run's peak grows with it. Blocks of 4 MiB and more
/// are mapped from the system instead, and given back when freed.
package enum MemoryPolicy {
    package static let applied: Void = {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 4 << 20)
        #endif
    }()
}
