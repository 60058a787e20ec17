using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Territorio.Web.Api;

/// <summary>Title and bearer scheme of /openapi/v1.json.</summary>
internal sealed class OpenApiDocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Territorio API",
            Version = "v1",
            Description = "API REST di Territorio: presa in carico della cronicità e appropriatezza riabilitativa. " +
                "Ottenere un token con POST /api/token e inviarlo come 'Authorization: Bearer …'. " +
                "Gli errori sono problem details (RFC 7807) in italiano.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Token rilasciato da POST /api/token.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
