/// What a list's and a map's storage share: a header that counts the slots made and
/// says how their positions are kept (``Positions``), then the slots, in one
/// `ManagedBuffer`. Never changed once made.
@usableFromInline
protocol SlotsHeader {
    /// The slots made so far: all of them once the storage is made.
    var count: Int { get set }
    var positions: Positions { get set }
}

extension ManagedBuffer where Header: SlotsHeader {
    // The header's fields are read through its pointer: each read of
    // `ManagedBuffer.header`, a class property, is checked for exclusive access at run
    // time (8% of a run's instructions when the collections first used it).
    @inlinable var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }
    @inlinable var positions: Positions { withUnsafeMutablePointerToHeader { $0.pointee.positions } }

    /// Sets the positions of storage being made, before anything reads it.
    @inlinable
    func setPositions(_ positions: Positions) { withUnsafeMutablePointerToHeader { $0.pointee.positions = positions } }

    @inlinable
    func slot(_ i: Int) -> Element { withUnsafeMutablePointerToElements { $0[i] } }

    /// For `deinit`: releases the slots made.
    @inlinable
    func releaseSlots() { _ = withUnsafeMutablePointers { header, slots in slots.deinitialize(count: header.pointee.count) } }
}
