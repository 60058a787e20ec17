namespace Territorio.Data;

/// <summary>The database cannot be used as configured (missing folder, schema to migrate): a message for the operator, no stack trace.</summary>
public sealed class DatabaseSetupException(string message) : Exception(message);
