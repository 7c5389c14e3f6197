/// A response the origin produced: when, by which rule, showing whose data.
struct Render {
    var time: Int64
    var rule: Int32
    /// Whether it was made inside the window.
    var exposing: Bool
    /// Interned subjects (only for an exposing render).
    var subjects: Subjects
}
