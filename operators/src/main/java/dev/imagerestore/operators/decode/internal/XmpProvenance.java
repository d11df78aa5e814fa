package dev.imagerestore.operators.decode.internal;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Adds the provenance record to an XMP packet (the XMP Media Management schema, XMP part 1 §8.2):
 * {@code xmpMM:DerivedFrom} names the original (its relative path as {@code stRef:filePath}, its
 * {@code xmpMM:DocumentID} as {@code stRef:documentID} when it had one), and one
 * {@code stEvt:action="derived"} event is appended to {@code xmpMM:History} with the software
 * agent, the time and the parameters. The source's packet is kept (an earlier DerivedFrom is
 * replaced); an unparsable packet is replaced by a new one. DOCTYPEs are refused.
 */
public final class XmpProvenance {

    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String XMP_MM = "http://ns.adobe.com/xap/1.0/mm/";
    static final String ST_REF = "http://ns.adobe.com/xap/1.0/sType/ResourceRef#";
    static final String ST_EVT = "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#";
    private static final String X = "adobe:ns:meta/";

    private XmpProvenance() {}

    /** The packet {@code source} (possibly empty) with the record for this output added, as UTF-8. */
    public static byte[] add(
            byte[] source, String originalPath, String softwareAgent, String parameters, Instant when) {
        try {
            Document doc = parse(source).orElseGet(XmpProvenance::fresh);
            Element rdf = (Element) doc.getElementsByTagNameNS(RDF, "RDF").item(0);
            Optional<String> documentId = documentId(doc);
            removeAll(doc, XMP_MM, "DerivedFrom");
            Element description = doc.createElementNS(RDF, "rdf:Description");
            description.setAttributeNS(RDF, "rdf:about", "");
            description.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xmpMM", XMP_MM);
            description.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:stRef", ST_REF);
            description.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:stEvt", ST_EVT);
            rdf.appendChild(description);
            Element derived = struct(doc, description, XMP_MM, "xmpMM:DerivedFrom");
            text(doc, derived, ST_REF, "stRef:filePath", originalPath);
            documentId.ifPresent(id -> text(doc, derived, ST_REF, "stRef:documentID", id));
            Element event = doc.createElementNS(RDF, "rdf:li");
            event.setAttributeNS(RDF, "rdf:parseType", "Resource");
            text(doc, event, ST_EVT, "stEvt:action", "derived");
            text(doc, event, ST_EVT, "stEvt:softwareAgent", softwareAgent);
            text(
                    doc,
                    event,
                    ST_EVT,
                    "stEvt:when",
                    when.truncatedTo(ChronoUnit.SECONDS).toString());
            text(doc, event, ST_EVT, "stEvt:parameters", parameters);
            history(doc, description).appendChild(event);
            return serialize(doc);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the XMP provenance record: " + e.getMessage(), e);
        }
    }

    /**
     * The original's path ({@code stRef:filePath} of {@code xmpMM:DerivedFrom}) of a packet whose
     * history holds a "derived" event by a software agent starting with {@code agentName}; empty for
     * any other packet, an unparsable one included.
     */
    public static Optional<String> derivedFrom(byte[] packet, String agentName) {
        Optional<Document> parsed = parse(packet);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Document doc = parsed.get();
        NodeList agents = doc.getElementsByTagNameNS(ST_EVT, "softwareAgent");
        boolean ours = false;
        for (int i = 0; i < agents.getLength() && !ours; i++) {
            ours = agents.item(i).getTextContent().trim().startsWith(agentName);
        }
        NodeList paths = doc.getElementsByTagNameNS(ST_REF, "filePath");
        return ours && paths.getLength() > 0 ? Optional.of(paths.item(0).getTextContent()) : Optional.empty();
    }

    private static Optional<Document> parse(byte[] packet) {
        if (packet.length == 0) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(packet));
            return doc.getElementsByTagNameNS(RDF, "RDF").getLength() > 0 ? Optional.of(doc) : Optional.empty();
        } catch (Exception unparsable) {
            return Optional.empty();
        }
    }

    private static Document fresh() {
        try {
            Document doc =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element meta = doc.createElementNS(X, "x:xmpmeta");
            doc.appendChild(meta);
            meta.appendChild(doc.createElementNS(RDF, "rdf:RDF"));
            return doc;
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> documentId(Document doc) {
        NodeList descriptions = doc.getElementsByTagNameNS(RDF, "Description");
        for (int i = 0; i < descriptions.getLength(); i++) {
            Element d = (Element) descriptions.item(i);
            if (d.hasAttributeNS(XMP_MM, "DocumentID")) {
                return Optional.of(d.getAttributeNS(XMP_MM, "DocumentID"));
            }
        }
        NodeList ids = doc.getElementsByTagNameNS(XMP_MM, "DocumentID");
        return ids.getLength() > 0 ? Optional.of(ids.item(0).getTextContent().trim()) : Optional.empty();
    }

    private static void removeAll(Document doc, String namespace, String name) {
        NodeList found = doc.getElementsByTagNameNS(namespace, name);
        for (int i = found.getLength() - 1; i >= 0; i--) {
            found.item(i).getParentNode().removeChild(found.item(i));
        }
        NodeList descriptions = doc.getElementsByTagNameNS(RDF, "Description");
        for (int i = 0; i < descriptions.getLength(); i++) {
            ((Element) descriptions.item(i)).removeAttributeNS(namespace, name);
        }
    }

    /** The rdf:Seq of the packet's xmpMM:History, created in {@code description} if there is none. */
    private static Element history(Document doc, Element description) {
        NodeList histories = doc.getElementsByTagNameNS(XMP_MM, "History");
        if (histories.getLength() > 0) {
            NodeList seqs = ((Element) histories.item(0)).getElementsByTagNameNS(RDF, "Seq");
            if (seqs.getLength() > 0) {
                return (Element) seqs.item(0);
            }
            histories.item(0).getParentNode().removeChild(histories.item(0));
        }
        Element history = doc.createElementNS(XMP_MM, "xmpMM:History");
        description.appendChild(history);
        Element seq = doc.createElementNS(RDF, "rdf:Seq");
        history.appendChild(seq);
        return seq;
    }

    private static Element struct(Document doc, Element parent, String namespace, String name) {
        Element e = doc.createElementNS(namespace, name);
        e.setAttributeNS(RDF, "rdf:parseType", "Resource");
        parent.appendChild(e);
        return e;
    }

    private static void text(Document doc, Node parent, String namespace, String name, String value) {
        Element e = doc.createElementNS(namespace, name);
        e.setTextContent(value);
        parent.appendChild(e);
    }

    private static byte[] serialize(Document doc) throws Exception {
        Transformer transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        StringWriter out = new StringWriter();
        out.write("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
        transformer.transform(new DOMSource(doc.getDocumentElement()), new StreamResult(out));
        out.write("\n<?xpacket end=\"w\"?>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
