import Foundation

/// Where the repository, its bundled data and the shared test vectors are, for tests.
///
/// Tests find files relative to this source file, so they work from any working
/// directory and in any clone, as long as `../shared` sits beside the repository.
public enum TestPaths {
    /// The repository root (the folder holding `Package.swift`).
    public static let repositoryRoot: URL = {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // CommsMapTestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // root
    }()

    /// `../shared`, beside the repository (CI puts it there too).
    public static var shared: URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// `../shared/vectors/<name>`.
    public static func vectors(_ name: String) -> URL {
        shared.appendingPathComponent("vectors").appendingPathComponent(name)
    }

    /// A path inside the repository.
    public static func repository(_ relative: String) -> URL {
        repositoryRoot.appendingPathComponent(relative)
    }

    /// The built `commsmap` executable next to the test bundle, for end-to-end tests.
    public static var commsmapBinary: URL {
        let bundle = Bundle.main.bundleURL
        // `swift test` runs the xctest bundle from the build products folder.
        var dir = bundle
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("commsmap")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue {
                    return candidate
                }
            }
            dir = dir.deletingLastPathComponent()
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("commsmap")
    }
}
