"""The ontology's terms as pyoxigraph NamedNodes.

The set of names here is checked against ``ontology/communique.ttl`` by
``tests/test_vocab.py`` so the code and the ontology cannot drift: a typo fails loudly
(unknown attribute) and a term missing from the ontology fails the test.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from .model import ROLES

CQ_NS = "https://w3id.org/communique/ontology#"
ID_NS = "https://w3id.org/communique/id/"
GRAPH_NS = "https://w3id.org/communique/graph/"
ONTOLOGY_IRI = "https://w3id.org/communique/ontology"

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
ORG_NS = "http://www.w3.org/ns/org#"
PROV_NS = "http://www.w3.org/ns/prov#"
FOAF_NS = "http://xmlns.com/foaf/0.1/"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"

CLASSES = (
    "Person",
    "Institution",
    "Post",
    "Rank",
    "PostHolding",
    "Place",
    "Country",
    "Site",
    "Event",
    "Meeting",
    "Visit",
    "Statement",
    "Commemoration",
    "Briefing",
    "Signing",
    "Ceremony",
    "Talk",
    "Participation",
    "Role",
    "Article",
    "Evidence",
    "Profile",
    "Merge",
    "Override",
)
OBJECT_PROPERTIES = (
    "holds",
    "holder",
    "post",
    "rank",
    "country",
    "locatedIn",
    "hasParticipation",
    "participationIn",
    "participant",
    "role",
    "hasParticipant",
    "atSite",
    "inPlace",
    "reportedIn",
    "attestedIn",
    "evidence",
    "inArticle",
    "profileOf",
    "mergeOf",
)
DATATYPE_PROPERTIES = (
    "name",
    "alias",
    "postTitle",
    "date",
    "attestedOn",
    "quote",
    "title",
    "url",
    "published",
    "source",
    "articleId",
    "sentence",
    "startOffset",
    "endOffset",
    "spanText",
    "rule",
    "confidence",
    "countryCode",
    "countryCodeAlpha3",
    "nameKey",
    "matchKey",
    "nameToken",
    "evidenceKey",
    "eventKey",
    "mentionCount",
    "firstAttested",
    "lastAttested",
    "mentionRef",
    "reason",
    "articleCount",
    "overrideKind",
)
# the participation roles the extraction assigns are exactly the role individuals
ROLE_INDIVIDUALS = ROLES


class _Namespace:
    """Attribute access to a fixed set of terms; an unknown name raises AttributeError."""

    def __init__(self, base: str, names: tuple[str, ...]) -> None:
        self._base = base
        self._terms = {n: NamedNode(base + n) for n in names}

    def __getattr__(self, name: str) -> NamedNode:
        try:
            return self._terms[name]
        except KeyError:
            raise AttributeError(f"{self._base}{name} is not a declared term") from None

    def __getitem__(self, name: str) -> NamedNode:
        return self.__getattr__(name)

    def __iter__(self):
        return iter(self._terms.values())


CQ = _Namespace(CQ_NS, CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES)
ROLE = _Namespace(ID_NS + "role/", ROLE_INDIVIDUALS)
RDF = _Namespace(RDF_NS, ("type",))
RDFS = _Namespace(RDFS_NS, ("label", "comment", "subClassOf"))
OWL = _Namespace(OWL_NS, ("NamedIndividual", "Ontology", "sameAs"))
XSD = _Namespace(XSD_NS, ("dateTime", "string", "integer", "decimal", "anyURI"))
ORG = _Namespace(ORG_NS, ("postIn", "subOrganizationOf", "transitiveSubOrganizationOf"))
PROV = _Namespace(PROV_NS, ("wasDerivedFrom", "hadPrimarySource"))
SKOS = _Namespace(SKOS_NS, ("exactMatch", "prefLabel"))
