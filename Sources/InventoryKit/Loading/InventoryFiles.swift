import Foundation

/// One file of an inventory directory, as read at the edge: its bytes, or why they were
/// not read.
public struct InventoryFile: Sendable, Hashable {
    /// What reading the file gave.
    public enum Contents: Sendable, Hashable {
        case bytes(Data)
        /// Larger than the limit: refused unread, with its size on disk.
        case tooLarge(Int)
        /// Could not be read, with the reason.
        case unreadable(String)
        /// Listed but not read because its name does not end in `.yaml`.
        case notYAML
    }

    /// The path inside the inventory directory, with `/` separators: `tools/misp.yaml`.
    public var relativePath: String
    /// The path to show in diagnostics, as the user gave the directory:
    /// `Inventory/tools/misp.yaml`.
    public var displayPath: String
    public var contents: Contents

    public init(relativePath: String, displayPath: String? = nil, contents: Contents) {
        self.relativePath = relativePath
        self.displayPath = displayPath ?? relativePath
        self.contents = contents
    }

    /// A file given as text (tests and tools that build inventories in memory).
    public init(_ relativePath: String, _ text: String) {
        self.init(relativePath: relativePath, contents: .bytes(Data(text.utf8)))
    }
}

/// Why an inventory directory could not be read at all (exit code 2 in the CLI).
public enum InventoryLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(String)
    case notADirectory(String)
    case unreadable(String, String)

    /// A stable code, like the diagnostics'.
    public var code: String {
        switch self {
        case .notFound: return "inventory.directory-not-found"
        case .notADirectory: return "inventory.not-a-directory"
        case .unreadable: return "inventory.directory-unreadable"
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path): return "no inventory directory at \(path)"
        case .notADirectory(let path): return "\(path) is a file, not an inventory directory"
        case .unreadable(let path, let why): return "cannot read the inventory directory \(path): \(why)"
        }
    }

    public var hint: String? {
        switch self {
        case .notFound, .notADirectory:
            return "give the folder that holds inventory.yaml with --inventory DIR"
        case .unreadable: return nil
        }
    }
}

/// Reads an inventory directory's files: the one place where the loader touches the disk.
public enum InventoryDirectory {
    /// The folders whose `*.yaml` files are loaded, besides `inventory.yaml` and
    /// `sources.yaml` at the top.
    public static let folders = ["networks", "tools", "evidence"]

    /// Reads `inventory.yaml`, `sources.yaml` and every file in `networks/`, `tools/` and
    /// `evidence/`, in sorted order. Files over `limits.maxBytes` are not read.
    /// Throws only when the directory itself cannot be read; a file that cannot be read
    /// becomes `.unreadable` and then a diagnostic.
    public static func read(_ path: String, limits: YAMLLimits = .standard) throws(InventoryLoadError) -> [InventoryFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path) }
        guard isDirectory.boolValue else { throw .notADirectory(path) }
        guard manager.isReadableFile(atPath: path) else { throw .unreadable(path, "permission denied") }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path

        var files: [InventoryFile] = []
        for name in ["inventory.yaml", "sources.yaml"] {
            let full = "\(base)/\(name)"
            if manager.fileExists(atPath: full) { files.append(readFile(full, relative: name, limits: limits)) }
        }
        for folder in folders {
            let folderPath = "\(base)/\(folder)"
            var folderIsDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folderPath, isDirectory: &folderIsDirectory), folderIsDirectory.boolValue
            else { continue }
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: folderPath)
            } catch {
                files.append(
                    InventoryFile(
                        relativePath: folder, displayPath: folderPath,
                        contents: .unreadable("cannot list the folder: \(error.localizedDescription)")))
                continue
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = "\(folderPath)/\(name)"
                var entryIsDirectory: ObjCBool = false
                guard manager.fileExists(atPath: full, isDirectory: &entryIsDirectory), !entryIsDirectory.boolValue
                else { continue }
                let relative = "\(folder)/\(name)"
                if name.hasSuffix(".yaml") {
                    files.append(readFile(full, relative: relative, limits: limits))
                } else {
                    // Listed but not read: the loader decides whether to warn about it.
                    files.append(InventoryFile(relativePath: relative, displayPath: full, contents: .notYAML))
                }
            }
        }
        return files
    }

    /// Reads at most `limits.maxBytes + 1` bytes, so that neither a huge file nor a link
    /// to an endless device is ever read whole.
    private static func readFile(_ path: String, relative: String, limits: YAMLLimits) -> InventoryFile {
        func file(_ contents: InventoryFile.Contents) -> InventoryFile {
            InventoryFile(relativePath: relative, displayPath: path, contents: contents)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return file(.unreadable(FileManager.default.isReadableFile(atPath: path) ? "cannot open it" : "permission denied"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limits.maxBytes + 1) ?? Data()
        } catch {
            return file(.unreadable(error.localizedDescription))
        }
        if data.count > limits.maxBytes {
            let size = (try? FileManager.default.attributesOfItem(atPath: (path as NSString).resolvingSymlinksInPath))?[.size]
            return file(.tooLarge(max((size as? NSNumber)?.intValue ?? 0, data.count)))
        }
        return file(.bytes(data))
    }
}
