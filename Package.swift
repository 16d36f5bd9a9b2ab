// swift-tools-version:6.0
import PackageDescription

// ContactIndex uses the Swift toolchain alone: no package dependencies.
let package = Package(
    name: "ContactIndex",
    products: [
        .library(name: "Tokenizer", targets: ["Tokenizer"]),
        .library(name: "ContactIndex", targets: ["ContactIndex"]),
        .executable(name: "contact-index", targets: ["IndexServer"]),
        .executable(name: "contact-index-bench", targets: ["ContactIndexBench"]),
    ],
    targets: [
        .target(name: "Tokenizer"),
        .target(name: "ContactIndex", dependencies: ["Tokenizer"]),
        .target(name: "ContactGenerator", dependencies: ["ContactIndex", "Tokenizer"]),
        .executableTarget(name: "IndexServer", dependencies: ["ContactIndex", "Tokenizer", "ContactGenerator"]),
        .executableTarget(
            name: "ContactIndexBench",
            dependencies: ["ContactIndex", "Tokenizer", "ContactGenerator"],
            path: "Benchmarks/ContactIndexBench"
        ),
        .testTarget(name: "TokenizerTests", dependencies: ["Tokenizer"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ContactIndexTests", dependencies: ["ContactIndex", "ContactGenerator"]),
        .testTarget(name: "IndexServerTests", dependencies: ["IndexServer", "ContactIndex", "ContactGenerator"]),
    ]
)
