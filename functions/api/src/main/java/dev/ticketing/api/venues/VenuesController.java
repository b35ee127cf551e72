package dev.ticketing.api.venues;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.api.query.QueryValues;
import dev.ticketing.identity.Caller;
import dev.ticketing.store.Page;
import dev.ticketing.venues.EditPlan;
import dev.ticketing.venues.ImportVenue;
import dev.ticketing.venues.ReadVenues;
import dev.ticketing.venues.model.PlanChanges;
import dev.ticketing.venues.model.PlanFormat;
import dev.ticketing.venues.model.Venue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Venues and their plans (organisers and admins; docs/venues.md): import a plan ({@code ?format=pretix},
 * {@code seatsio}, or the project's own form, {@code ticketing}, the default), list and read venues, export a plan version in either form,
 * set flags and gaps on a plan.
 */
@Controller("/venues")
public class VenuesController {
    private static final Logger LOG = LoggerFactory.getLogger(VenuesController.class);

    private final ImportVenue imports;
    private final ReadVenues reads;
    private final EditPlan edits;

    public VenuesController(ImportVenue imports, ReadVenues reads, EditPlan edits) {
        this.imports = imports;
        this.reads = reads;
        this.edits = edits;
    }

    /**
     * 201 with the new venue ({@code id}, {@code name}, {@code seats}, {@code categories}, {@code version} 1); the
     * body is the plan, read whole (up to {@link dev.ticketing.input.RequestLimits#MAX_PLAN_BODY_BYTES}). A plan that
     * breaks its form's schema or a plan rule is a 400 naming the first offending path in {@code path}.
     */
    @Post
    public HttpResponse<Venue> create(Caller caller, QueryValues query, @Body @Nullable String plan) {
        Venue venue = imports.importPlan(caller, PlanFormat.of(query.get("format"), PlanFormat.TICKETING), plan);
        LOG.info("venue {} imported: {} seats, {} categories", venue.id(), venue.seats(), venue.categories().size());
        return HttpResponse.created(venue, URI.create("/venues/" + venue.id()));
    }

    /** The answer of {@code GET /venues}: a page of venues, and the cursor of the next ({@code null} at the end). */
    public record VenuePage(List<Venue> venues, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
    }

    /** The caller's venues, oldest first (an admin's: every organiser's, by organiser), {@code limit} (default 50) at a time. */
    @Get
    public VenuePage list(Caller caller, QueryValues query) {
        Page<Venue> page = reads.list(caller, Page.limit(query.get("limit")), query.get("cursor"));
        return new VenuePage(page.items(), page.next());
    }

    @Get("/{venueId}")
    public Venue get(Caller caller, String venueId) {
        return reads.get(caller, venueId);
    }

    /**
     * The plan, its current version or {@code ?version=n}, as {@code ?format=pretix} or {@code ticketing} (default);
     * {@code seatsio} is an import form only: 400.
     */
    @Get("/{venueId}/plan")
    public HttpResponse<String> plan(Caller caller, String venueId, QueryValues query) {
        String plan = reads.plan(caller, venueId, query.get("version"),
                PlanFormat.export(query.get("format"), PlanFormat.TICKETING));
        return HttpResponse.ok(plan).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Flags and gaps set on seats of the plan: 200 with the venue at its next version. */
    @Patch("/{venueId}/plan")
    public Venue changePlan(Caller caller, String venueId, @Body PlanChanges changes) {
        Venue venue = edits.change(caller, venueId, changes);
        LOG.info("venue {} plan changed: version {}", venueId, venue.version());
        return venue;
    }
}
