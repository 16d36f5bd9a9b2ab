/// Placeholder until the ContactIndex issue lands.
public enum ContactIndexModule {}
