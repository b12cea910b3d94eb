import RuleCompiler

/// Hands out one ``MapShape`` for each key list a file repeats, so that its maps share
/// their keys. It remembers the last few shapes it made (a file's maps come in few
/// shapes, interleaved as they nest) and compares a new map's keys with those; a key
/// list it does not remember gets a shape of its own, so the memory stays bounded
/// whatever the file holds. One table per file being read: no locking.
final class ShapeTable {
    static let remembered = 16
    private var recent: [MapShape] = []
    /// The key count of each shape in `recent`, to pass over most of them unopened.
    private var counts: [Int] = []
    private var next = 0

    /// The shape of a mapping's keys as the loader hands them over.
    func shape(of keys: UnsafeBufferPointer<ValueSink.Tree>) -> MapShape {
        shape(count: keys.count) { i in ValueSink.key(keys[i]) }
    }

    private func shape(count: Int, key: (Int) -> Value) -> MapShape {
        search: for (n, c) in counts.enumerated() where c == count {
            let shape = recent[n]
            for i in 0..<count where !shape.hasKey(key(i), at: i) { continue search }
            return shape
        }
        let shape = MapShape((0..<count).map(key))
        if recent.count < Self.remembered {
            recent.append(shape)
            counts.append(count)
        } else {
            recent[next] = shape
            counts[next] = count
            next = (next + 1) % Self.remembered
        }
        return shape
    }
}
