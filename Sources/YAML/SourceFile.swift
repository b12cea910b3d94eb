import Foundation

/// A file's path and bytes. Immutable once made; line lookups are computed on demand.
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
    private let lineStarts: [Int]

    public init(id: FileID, path: String, bytes: [UInt8], absolutePath: String? = nil, quotable: Bool = true, identity: FileIdentity? = nil) {
        self.id = id
        self.path = path
        self.bytes = bytes
        self.absolutePath = absolutePath
        self.quotable = quotable
        self.identity = identity
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var i = 0
            // memchr: a byte loop here was visible in profiles of large workspaces.
            while i < buffer.count, let hit = memchr(base + i, 0x0A, buffer.count - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(i)
            }
        }
        self.lineStarts = starts
    }

    /// The text of a 1-based line, without its line break; nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
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

    /// Registers a file and returns it with its new id.
    @discardableResult
    public func add(path: String, bytes: [UInt8], absolutePath: String? = nil, quotable: Bool = true, identity: FileIdentity? = nil) -> SourceFile {
        lock.lock()
        defer { lock.unlock() }
        let file = SourceFile(id: FileID(files.count), path: path, bytes: bytes, absolutePath: absolutePath, quotable: quotable, identity: identity)
        files.append(file)
        return file
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
