// swift-tools-version:6.0
import PackageDescription

// Layers (DESIGN.md §1): commsmap → Kits. The mapping half (ReportKit → AssessmentKit →
// InventoryKit) never imports the crypto half (ExerciseKit → AgeFormat, MinisignFormat →
// SodiumKit → CSodium); evidence passes between them as files.
let package = Package(
    name: "commsmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "commsmap", targets: ["commsmap"]),
        .library(name: "InventoryKit", targets: ["InventoryKit"]),
        .library(name: "AssessmentKit", targets: ["AssessmentKit"]),
        .library(name: "ReportKit", targets: ["ReportKit"]),
        .library(name: "SodiumKit", targets: ["SodiumKit"]),
        .library(name: "AgeFormat", targets: ["AgeFormat"]),
        .library(name: "MinisignFormat", targets: ["MinisignFormat"]),
        .library(name: "ExerciseKit", targets: ["ExerciseKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Crypto half.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .target(name: "SodiumKit", dependencies: ["CSodium"]),
        // glibc's allocator settings, which Swift's Glibc module does not export (commsmap only).
        .target(name: "CHeap"),
        .target(name: "AgeFormat", dependencies: ["SodiumKit"]),
        .target(name: "MinisignFormat", dependencies: ["SodiumKit"]),
        .target(name: "ExerciseKit", dependencies: ["AgeFormat", "MinisignFormat", "SodiumKit", "Yams"]),

        // Mapping half.
        .target(name: "InventoryKit", dependencies: ["Yams"]),
        .target(name: "AssessmentKit", dependencies: ["InventoryKit"]),
        .target(name: "ReportKit", dependencies: ["AssessmentKit", "InventoryKit"]),

        // The executable: parse, call a Kit, print.
        .executableTarget(
            name: "commsmap",
            dependencies: [
                "InventoryKit", "AssessmentKit", "ReportKit",
                "AgeFormat", "MinisignFormat", "ExerciseKit", "SodiumKit", "CHeap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "CommsMapTestSupport", dependencies: []),

        // Generator of synthetic inventories and policies (benchmarks, randomized tests).
        .executableTarget(name: "commsmap-synth", path: "Tools/synth"),
        // Generator of a synthetic exercise (messages and receipts) for Tools/bench/exercise.sh.
        .executableTarget(
            name: "commsmap-exercise-synth", dependencies: ["ExerciseKit", "AgeFormat"],
            path: "Tools/bench/exercise-synth"),

        .testTarget(name: "SodiumKitTests", dependencies: ["SodiumKit", "CommsMapTestSupport"]),
        .testTarget(name: "AgeFormatTests", dependencies: ["AgeFormat", "SodiumKit", "CommsMapTestSupport"]),
        .testTarget(name: "MinisignFormatTests", dependencies: ["MinisignFormat", "SodiumKit", "CommsMapTestSupport"]),
        .testTarget(
            name: "InventoryKitTests", dependencies: ["InventoryKit", "CommsMapTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AssessmentKitTests", dependencies: ["AssessmentKit", "InventoryKit", "CommsMapTestSupport", "Yams"],
            exclude: ["Cases"]),
        .testTarget(
            name: "ExerciseKitTests",
            dependencies: [
                "ExerciseKit", "AgeFormat", "MinisignFormat", "SodiumKit", "InventoryKit", "CommsMapTestSupport",
            ]),
        .testTarget(
            name: "ReportKitTests", dependencies: ["ReportKit", "AssessmentKit", "InventoryKit", "CommsMapTestSupport"],
            exclude: ["Golden"]),
        .testTarget(name: "CLITests", dependencies: ["CommsMapTestSupport", "MinisignFormat", "SodiumKit", "CHeap"]),
    ],
    swiftLanguageModes: [.v6]
)
