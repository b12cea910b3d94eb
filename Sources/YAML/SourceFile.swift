import Foundation

/// A file's path and bytes. Immutable once made; its line index is made on demand.
public final class SourceFile: Sendable {
    public let id: FileID
    /// The path as the user should see it (relative to the working directory when it
    /// lies under it, or a label such as `<builtin>/rules/x.yaml`).
    public let path: String
    public let bytes: [UInt8]
    /// The absolute path on disk, for files read from disk.
    public let absolutePath: String?
    /// Whether messages may show the file's lines. False for a file from outside the
    /// repository (a configuration or rule pack typed as an absolute path): its lines
    /// could be anything on the machine, and reports land in public CI logs.
    public let quotable: Bool
    /// Which file on disk the bytes were read from, whatever name reached it: nothing
    /// is ever written over a file a run reads.
    public let identity: FileIdentity?
    /// Whether the bytes were let go once the file was loaded (``SourceTable/releaseBytes(of:)``):
    /// `bytes` is then empty and no line is shown.
    public let bytesReleased: Bool
    /// Where each line starts, found the first time a line is asked for: most files
    /// never show a line (only files with findings, suppression comments or errors do),
    /// and the index is a word per line (2% of a large run's memory).
    private let lineIndex = LineIndex()

    public init(id: FileID, path: String, bytes: [UInt8], absolutePath: String? = nil, quotable: Bool = true, identity: FileIdentity? = nil) {
        self.id = id
        self.path = path
        self.bytes = bytes
        self.absolutePath = absolutePath
        self.quotable = quotable
        self.identity = identity
        bytesReleased = false
    }

    /// The same file without its bytes.
    fileprivate init(releasing file: SourceFile) {
        id = file.id
        path = file.path
        bytes = []
        absolutePath = file.absolutePath
        quotable = file.quotable
        identity = file.identity
        bytesReleased = true
    }

    /// The text of a 1-based line, without its line break; nil past the end, or when
    /// the bytes were let go.
    public func line(_ number: Int) -> String? {
        guard !bytesReleased, let (start, next) = lineIndex.bounds(of: number, in: bytes) else { return nil }
        var end = next
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// A file's line starts, made once, on first use, by whichever thread asks first.
private final class LineIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [Int]?

    /// Where line `number` (1-based) starts, and where the next one does (or the end).
    func bounds(of number: Int, in bytes: [UInt8]) -> (Int, Int)? {
        let starts = index(of: bytes)
        guard number >= 1, number <= starts.count else { return nil }
        return (starts[number - 1], number < starts.count ? starts[number] : bytes.count)
    }

    private func index(of bytes: [UInt8]) -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let starts { return starts }
        var found = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var i = 0
            // memchr: a byte loop here was visible in profiles of large workspaces.
            while i < buffer.count, let hit = memchr(base + i, 0x0A, buffer.count - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                found.append(i)
            }
        }
        starts = found
        return found
    }
}

/// Every file stratlint read in one run, by id. Thread-safe.
public final class SourceTable: @unchecked Sendable {
    private var files: [SourceFile] = []
    private let lock = NSLock()

    public init() {}

    /// A new table that starts with this one's files, under the same ids: for running a
    /// compiled rule pack on many workspaces, each in its own table.
    public func copy() -> SourceTable {
        let table = SourceTable()
        table.files = all
        return table
    }

    /// Registers a file and returns it with its new id. Its bytes are kept as UTF-8
    /// without a byte order mark (``TextEncoding``), what every reader of them expects.
    @discardableResult
    public func add(path: String, bytes: [UInt8], absolutePath: String? = nil, quotable: Bool = true, identity: FileIdentity? = nil) -> SourceFile {
        let bytes = TextEncoding.utf8(bytes)
        lock.lock()
        defer { lock.unlock() }
        let file = SourceFile(id: FileID(files.count), path: path, bytes: bytes, absolutePath: absolutePath, quotable: quotable, identity: identity)
        files.append(file)
        return file
    }

    /// Lets go of the bytes of the files `ids` names: for a run whose reports quote no
    /// line of them, once they are loaded (a large inventory's bytes are its size again
    /// in the run's memory). Each file keeps its id, path and identity; its lines are
    /// no longer shown (``SourceFile/line(_:)`` is nil).
    public func releaseBytes(of ids: some Sequence<FileID>) {
        lock.lock()
        defer { lock.unlock() }
        for id in ids {
            let i = Int(id.rawValue)
            guard i >= 0, i < files.count, !files[i].bytesReleased else { continue }
            files[i] = SourceFile(releasing: files[i])
        }
    }

    public subscript(id: FileID) -> SourceFile? {
        lock.lock()
        defer { lock.unlock() }
        let i = Int(id.rawValue)
        return i >= 0 && i < files.count ? files[i] : nil
    }

    public var all: [SourceFile] {
        lock.lock()
        defer { lock.unlock() }
        return files
    }
}

/// A file's identity on disk: its device and inode. Two paths name the same file exactly
/// when their identities are equal, however they are spelt (`./a/../x.yaml`, a link,
/// a trailing slash).
public struct FileIdentity: Sendable, Hashable {
    public let device: UInt64
    public let inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// The identity of what `path` names now (links followed); nil when nothing is there.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(info)
    }

    public init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
