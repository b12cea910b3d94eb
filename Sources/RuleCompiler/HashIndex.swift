/// Where each distinct value of a collection first appears, found by hashing with CEL's
/// equality (``HashKey``): an open-addressed table of 32-bit positions into the
/// collection, which keeps the values themselves. A `Set<HashKey>` or a dictionary
/// keyed by values held a copy of each (24 bytes a bucket, up to three buckets in
/// four used); this holds 4 bytes a bucket, at most half of them used, so that a probe
/// meets an empty bucket within a few steps.
///
/// The table never holds the values, so each lookup is given them (`element(i)`, the
/// collection's `i`th value); they must be the ones the index was made from.
@usableFromInline
struct HashIndex: Sendable {
    /// Each bucket: the position of the value hashed there, plus one; 0 is empty.
    private var buckets: [UInt32]
    /// The distinct values held.
    private(set) var count = 0
    /// The buckets: a power of two, at least twice ``count``.
    var capacity: Int { buckets.count }

    /// The index of `count` values, `element(i)` each; a value met again keeps its
    /// first position. Nil for a collection too long to number in 32 bits.
    init?(count: Int, _ element: (Int) -> Value) {
        guard count < Int(UInt32.max) else { return nil }
        buckets = Array(repeating: 0, count: Self.capacity(for: count))
        for i in 0..<count { insert(i, element) }
        // Mostly repeats (`integrations.from + integrations.to`: each system id a few
        // times over): made again at the size of what it holds, since it is kept.
        let fitted = Self.capacity(for: self.count)
        if fitted * 4 <= buckets.count {
            let held = buckets.filter { $0 != 0 }
            buckets = Array(repeating: 0, count: fitted)
            self.count = 0
            for entry in held { insert(Int(entry) - 1, element) }
        }
    }

    /// A power of two at least twice `n`: the table stays at most half full.
    private static func capacity(for n: Int) -> Int {
        var capacity = 8
        while capacity < 2 * n { capacity <<= 1 }
        return capacity
    }

    private mutating func insert(_ i: Int, _ element: (Int) -> Value) {
        let value = element(i)
        let mask = buckets.count - 1
        var b = HashKey(value).hashValue & mask
        while buckets[b] != 0 {
            if Value.equal(element(Int(buckets[b]) - 1), value).isTrue { return }
            b = (b + 1) & mask
        }
        buckets[b] = UInt32(i + 1)
        count += 1
    }

    /// The first position of a value equal to `value` (CEL's `==`), or nil.
    func firstIndex(of value: Value, _ element: (Int) -> Value) -> Int? {
        let mask = buckets.count - 1
        var b = HashKey(value).hashValue & mask
        // Ends: at least half of the buckets are empty.
        while buckets[b] != 0 {
            let i = Int(buckets[b]) - 1
            if Value.equal(element(i), value).isTrue { return i }
            b = (b + 1) & mask
        }
        return nil
    }
}

/// The hash index of a list a rule tests with `in` (`x in system_ids`), made once per
/// workspace (``Program/makeContext(documents:today:workspaceBytes:)``).
struct MembershipSet: Sendable {
    let list: ListValue
    let index: HashIndex

    /// Nil for a list too long to index (``HashIndex``): `in` then scans it.
    init?(_ list: ListValue) {
        let items = list.items
        guard let index = HashIndex(count: list.count, { items[$0] }) else { return nil }
        self.list = list
        self.index = index
    }

    func contains(_ value: Value) -> Bool {
        let items = list.items
        return index.firstIndex(of: value) { items[$0] } != nil
    }
}
