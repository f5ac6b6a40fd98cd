import Testing
@testable import LibXMLWriter
import FeedTestSupport

@Test func explore() throws {
    let w = try XMLTextWriter()
    try w.startElement("root")
    try w.attribute("a", "q\"'&<>\n\t\r x\u{85}\u{FEFF}\u{2028}]]>")
    try w.startElement("child")
    try w.text("q\"'&<>\n\t\r\n x\u{85}\u{FEFF}]]>\u{0}\u{B}\u{FFFE}end")
    try w.endElement()
    try w.emptyElement("e", ["x": "1", "y": nil])
    try w.endElement()
    let bytes = try w.finish()
    print(String(decoding: bytes, as: UTF8.self))
    let root = try XMLElement.parse(bytes)
    print(root.attributes["a"]!.unicodeScalars.map { String($0.value, radix: 16) })
    print(root.child("child")!.text.unicodeScalars.map { String($0.value, radix: 16) })
    print(XMLWellFormedness.problem(in: Array("<a>\n<b></a>".utf8)) ?? "nil")
    print(XMLWellFormedness.problem(in: Array("<a>&nbsp;</a>".utf8)) ?? "nil")
    print(XMLWellFormedness.problem(in: Array("<a>\u{1}</a>".utf8)) ?? "nil")
    print(XMLWellFormedness.problem(in: [0x3C,0x61,0x3E,0xFF,0xFE,0x3C,0x2F,0x61,0x3E]) ?? "nil")
    print(XMLWellFormedness.problem(in: []) ?? "nil")
    let w2 = try XMLTextWriter(indent: false)
    try w2.startElement("r"); try w2.endElement()
    print(String(decoding: try w2.finish(), as: UTF8.self))
}
