import CommsMapTestSupport
import Foundation
import Testing

@testable import InventoryKit

/// The real inventory in `Inventory/` must always validate without errors.
@Suite struct BundledInventoryTests {
    static let directory = TestPaths.repository("Inventory")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: directory.appendingPathComponent("inventory.yaml").path)))
    func bundledInventoryIsValid() throws {
        let result = try InventoryLoader.load(directory: Self.directory.path)
        #expect(result.diagnostics.errors.map(\.description) == [])
        #expect(result.isValid)
        #expect(result.inventory?.networks.isEmpty == false)
        #expect(result.inventory?.tools.isEmpty == false)
    }
}
