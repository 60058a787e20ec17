using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Territorio.CareManagement.Common;
using Territorio.Fhir;
using Territorio.Web.Api;
using Territorio.Web.Fhir;

namespace Territorio.Web.Security;

/// <summary>
/// Bad input answered as such, never as a 500 nor a redirect (docs/security.md, "Input"):
/// request limits, the status of a refused request body, a page posted to a handler it does not
/// have, and errors under <c>/api</c> (problem details) and <c>/fhir</c> (OperationOutcome).
/// </summary>
public static class BadInput
{
    /// <summary>Largest request body but for SDO uploads (which raise it to their own limit): forms and JSON are a few KB.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Largest FHIR message: a picMMG bundle is tens of KB.</summary>
    public const long MaxFhirBodyBytes = 4 * 1024 * 1024;

    /// <summary>Kestrel's refusals (body too large, bad framing) keep their 4xx status; a care rule broken is a 409.</summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        CareRuleException => StatusCodes.Status409Conflict,
        OperationCanceledException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ExceptionHandlerOptions ForApi() => new() { StatusCodeSelector = StatusOf };

    public static bool IsFhir(HttpContext context) => context.Request.Path.StartsWithSegments("/fhir");

    /// <summary>/fhir: every error as an OperationOutcome with its status; the message of a 5xx says nothing of the internals.</summary>
    public static void UseFhirErrors(this IApplicationBuilder fhir)
    {
        fhir.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/fhir/$process-message") && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxFhirBodyBytes;
            }

            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted)
            {
                int status = StatusOf(ex);
                await WriteOutcomeAsync(context, status, status == StatusCodes.Status413PayloadTooLarge
                    ? $"messaggio oltre il limite di {MaxFhirBodyBytes / (1024 * 1024)} MB"
                    : status >= 500 ? "errore interno: riprovare più tardi" : "richiesta non valida");
                return;
            }

            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null && context.Response.ContentType is null)
            {
                await WriteOutcomeAsync(context, context.Response.StatusCode, ApiProblems.TitleOf(context.Response.StatusCode));
            }
        });
    }

    // In the negotiated format (JSON or XML), as the FHIR endpoints answer.
    private static System.Threading.Tasks.Task WriteOutcomeAsync(HttpContext context, int status, string text)
    {
        context.Response.Clear();
        var outcome = status is 401 or 403 or 404 or 405 ? FhirOutcomes.ForStatus(status) : FhirOutcomes.Error(status switch
        {
            413 => OperationOutcome.IssueType.TooLong,
            415 => OperationOutcome.IssueType.NotSupported,
            >= 500 => OperationOutcome.IssueType.Exception,
            _ => OperationOutcome.IssueType.Invalid,
        }, text);
        return FhirResult.WriteAsync(context.Response, outcome, status);
    }
}

/// <summary>
/// A page asked for a handler it does not have (a POST to a page that only shows, <c>?handler=x</c>)
/// would run no handler and render an empty model: answered 404 (unknown handler) or 405.
/// </summary>
public sealed class UnknownPageHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        bool named = context.RouteData.Values.ContainsKey("handler") || request.Query.ContainsKey("handler");
        if (named)
        {
            context.Result = new NotFoundResult();
        }
        else if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
