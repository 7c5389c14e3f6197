import ReplaySupport

/// A key's history events (`KeyHistory.Event`), in replay order: up to two inside the list
/// itself, more in an array of its own.
///
/// Most keys hold one or two events at a time. An array per key cost an allocation at its
/// first event and a reallocation at its second (169 k of 218 k stores on a bench node, a third
/// of what the candidate rule added), and a miss to reach it; two events in place take neither.
struct EventList: RandomAccessCollection, MutableCollection {
    typealias Event = KeyHistory.Event

    private var inline: (Event, Event) = (.placeholder, .placeholder)
    private var inlineCount: UInt8 = 0
    /// Every event, once there have been more than two (and until there are none).
    private var spill: [Event] = []

    init() {}

    init<S: Sequence>(_ events: S) where S.Element == Event {
        for e in events { append(e) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { spill.isEmpty ? Int(inlineCount) : spill.count }
    var count: Int { endIndex }
    var isEmpty: Bool { endIndex == 0 }

    subscript(i: Int) -> Event {
        get {
            if !spill.isEmpty { return spill[i] }
            precondition(i >= 0 && i < Int(inlineCount), "EventList index out of range")
            return i == 0 ? inline.0 : inline.1
        }
        set {
            if !spill.isEmpty { spill[i] = newValue; return }
            precondition(i >= 0 && i < Int(inlineCount), "EventList index out of range")
            if i == 0 { inline.0 = newValue } else { inline.1 = newValue }
        }
    }

    mutating func append(_ e: Event) {
        if !spill.isEmpty {
            spill.append(e)
            return
        }
        switch inlineCount {
        case 0: inline.0 = e
        case 1: inline.1 = e
        default:
            spill.reserveCapacity(4)
            spill.append(inline.0)
            spill.append(inline.1)
            spill.append(e)
            inlineCount = 0
            return
        }
        inlineCount += 1
    }

    /// Removes the events `isRemoved` holds for, keeping the others' order.
    mutating func removeAll(where isRemoved: (Event) throws -> Bool) rethrows {
        if !spill.isEmpty {
            // The array stays until it is empty (a key busy enough to need it once mostly needs
            // it again: going back in place at two and out again at three cost an allocation
            // each time).
            try spill.removeAll(where: isRemoved)
            if spill.isEmpty { spill = [] }
            return
        }
        let keepFirst = inlineCount > 0 ? try !isRemoved(inline.0) : false
        let keepSecond = inlineCount > 1 ? try !isRemoved(inline.1) : false
        switch (keepFirst, keepSecond) {
        case (true, true): break
        case (true, false): inlineCount = 1
        case (false, true):
            inline.0 = inline.1
            inlineCount = 1
        case (false, false): inlineCount = 0
        }
    }

    /// Asks for the first lines of the array that holds the events of the list at `list` once
    /// there are more than two (its header and up to three events): a look-ahead calls it once
    /// the list itself has come into the processor's cache. Without the array, the address is
    /// the shared empty array's, which is always there. Through a pointer: a list read as a
    /// value is copied, and its array's reference counted.
    @inline(__always)
    static func prefetchSpill(of list: UnsafePointer<EventList>) {
        // An array is one word, the address of its storage: read as it lies, without touching
        // the storage (which is what is being fetched).
        let word = UnsafeRawPointer(list) + MemoryLayout<EventList>.offset(of: \EventList.spill)!
        let storage = word.load(as: UnsafeRawPointer.self)
        for offset in Swift.stride(from: 0, to: 4 * 64, by: 64) { Prefetch.line(at: storage + offset) }
    }

    /// The events as one buffer, where they lie, for loops that index them. Mutating only to
    /// reach the two in place: read through a copy, they were copied at every call.
    mutating func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Event>) throws -> R) rethrows -> R {
        if !spill.isEmpty { return try spill.withUnsafeBufferPointer(body) }
        let count = Int(inlineCount)
        return try withUnsafeMutablePointer(to: &inline) { pair in
            // A tuple of one type lays its elements out one after the other.
            try UnsafeMutableRawPointer(pair).withMemoryRebound(to: Event.self, capacity: 2) {
                try body(UnsafeBufferPointer(start: $0, count: count))
            }
        }
    }
}

extension KeyHistory.Event {
    /// What an unused place of an `EventList` holds.
    static let placeholder = KeyHistory.Event(render: Render(time: 0, rule: 0, exposing: false, subjects: .none),
                                              lookup: .at(Moment(time: 0, order: 0)), store: .at(Moment(time: 0, order: 1)),
                                              stores: false, certain: false, order: 0)
}
