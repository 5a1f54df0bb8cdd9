import Foundation
import Testing

@testable import InventoryKit

@Suite struct InventorySchemaTests {
    private func catalogue() throws -> [PropertyDefinition] {
        try #require(InventoryLoader.load(files: Array(try Fixtures.validFiles().values)).inventory).catalogue
    }

    private func parse(_ value: JSONValue) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(value.serialized().utf8))
        return try #require(object as? [String: Any])
    }

    @Test func everyKindIsValidJSONInDraft2020() throws {
        let catalogue = try catalogue()
        for kind in InventoryFileKind.allCases {
            let schema = try parse(InventorySchema.schema(for: kind, catalogue: catalogue))
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            #expect(schema["type"] as? String == "object")
            #expect(schema["additionalProperties"] as? Bool == false)
        }
        let all = try parse(InventorySchema.all(catalogue: catalogue))
        #expect(all.keys.sorted() == InventoryFileKind.allCases.map(\.rawValue).sorted())
    }

    @Test func toolSchemaNamesEveryCataloguedProperty() throws {
        let catalogue = try catalogue()
        let schema = try parse(InventorySchema.schema(for: .tool, catalogue: catalogue))
        let fields = try #require(schema["properties"] as? [String: Any])
        let properties = try #require(fields["properties"] as? [String: Any])
        let listed = try #require(properties["properties"] as? [String: Any])
        #expect(listed.keys.sorted() == catalogue.map(\.id).sorted())
        #expect(properties["additionalProperties"] as? Bool == false)
        // Each property takes the short form, the long form, or null.
        let hosting = try #require(listed["hosting"] as? [String: Any])
        let forms = try #require(hosting["anyOf"] as? [[String: Any]])
        #expect(forms.count == 3)
        #expect(forms[0]["enum"] as? [String] == ["on-premises", "eu-institution", "member-state", "eu-cloud", "non-eu-cloud"])
        let long = try #require(forms[1]["properties"] as? [String: Any])
        #expect(long.keys.sorted() == ["assessed", "confidence", "note", "source", "value"])
    }

    @Test func markingSchemasKeepTheScalesApart() throws {
        let schema = try parse(InventorySchema.schema(for: .network, catalogue: []))
        let fields = try #require(schema["properties"] as? [String: Any])
        let uses = try #require(fields["uses"] as? [String: Any])
        let usage = try #require(uses["items"] as? [String: Any])
        let usageFields = try #require(usage["properties"] as? [String: Any])
        let tlp = try #require((usageFields["highest_tlp"] as? [String: Any])?["enum"] as? [String])
        let classification = try #require((usageFields["highest_classification"] as? [String: Any])?["enum"] as? [String])
        #expect(tlp.contains("TLP:AMBER+STRICT"))
        #expect(!tlp.contains("EU:RESTRICTED"))
        #expect(classification.contains("EU:RESTRICTED"))
        #expect(classification.contains("RESTREINT UE/EU RESTRICTED"))
        #expect(!classification.contains { $0.hasPrefix("TLP:") })
    }

    @Test func evidenceSchemaFollowsTheEvidenceCatalogue() throws {
        let schema = try parse(InventorySchema.schema(for: .evidence, catalogue: []))
        let fields = try #require(schema["properties"] as? [String: Any])
        let tools = try #require(fields["tools"] as? [String: Any])
        let entry = try #require((tools["items"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(entry.keys.sorted() == (["tool"] + EvidenceCatalogue.definitions.map(\.id)).sorted())
    }

    @Test func jsonIsDeterministicWithSortedKeysAndEscapes() {
        let value: JSONValue = ["b": 1, "a": ["x\"y\n", .null, true, .number(0.5), .number(2)]]
        #expect(value.serialized(pretty: false) == "{\"a\":[\"x\\\"y\\n\",null,true,0.5,2],\"b\":1}\n")
    }
}
