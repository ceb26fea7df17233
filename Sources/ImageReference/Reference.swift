/// Image references as distribution/reference parses them. (Filled in by the reference work.)
public enum ImageReferenceModule {}
