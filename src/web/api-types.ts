/**
 * The API's paths and schemas as types, generated from its OpenAPI document by
 * `npm run api-types` (src/api/api-types.ts). Do not edit: change the routes, then regenerate.
 */
export interface paths {
    "/api/reports/territory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The areas armed groups hold on a date, and the sites in them
         * @description Every territory record in force on asOf with its administrative units (how much of each is held, boundaries with their sources), and each site placed in a held area (named by the record, in a unit held whole, or by its point inside a held boundary) or in a unit held only in part.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The held areas and the sites */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HeldAreasReport"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/de-facto-series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Armed groups' de facto share of each commodity, year by year
         * @description For each year from `from` to `to`, the tonnes recorded on named sites for the year and the share on ground an armed group holds on the year's last day (or asOf, if earlier), with the sites held with or without a figure. Shares are of the recorded tonnes, not of national output.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description Commodities (default tin, tantalum, tungsten, gold), comma-separated */
                    commodities?: string;
                    /** @description First year (default 2018) */
                    from?: string;
                    /** @description Last year (default the year of asOf) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The series */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeFactoSeries"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/chains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every chain of stakes from one entity down to another entity or asset
         * @description The chains of stakes from `from` down to `to`, each with its nodes, the stakes of each link and the product of the shares (with its range), largest first, beside the solver's look-through share of the pair (which also counts cross-holdings). Chains longer than maxHops links or below one millionth are left out.
         */
        get: {
            parameters: {
                query: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description The holder: an id or a name */
                    from: string;
                    /** @description The entity or asset held */
                    to: string;
                    /** @description Most links on a chain (default 8) */
                    maxHops?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The chains and the look-through share */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChainsReport"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A commodity year by year: shares, output, exports, HHI and the events between
         * @description For each year from `from` to `to`, the control and flows reports of that year's output, read on the year's last day (or asOf, if earlier): output counted and exported, the HHI of every view and of buyer countries, country shares in the four control views and the leading companies' shares; with the dated export bans and quotas, deals signed, closed or collapsed, and sites armed groups took or left.
         */
        get: {
            parameters: {
                query: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description The commodity */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    /** @description First year (default 2018) */
                    from?: string;
                    /** @description Last year (default the year of asOf) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The series and its events */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ControlSeries"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/control": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who owns and controls a commodity's production
         * @description Country shares by location, look-through attributable interest, consolidated (majority) control and de facto control, with HHI, companies and assets.
         */
        get: {
            parameters: {
                query: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description The commodity */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    /** @description Production period (default the latest year with actual figures) */
                    period?: string;
                    /** @description Majority threshold for control (default 0.5) */
                    threshold?: string;
                    /** @description What shares are of: national (the country's mine output, with a row for what no recorded asset holds; default) or recorded (the recorded assets' tonnes) */
                    basis?: "national" | "recorded";
                    /** @description Which country a holder counts for: incorporation (default) or headquarters (where it is run from) */
                    countryBasis?: "incorporation" | "headquarters";
                    /** @description Count countries together: greater-china (China, Hong Kong and Macao) */
                    group?: "greater-china";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The control report */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ControlReport"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Why a country has its share
         * @description Asset by asset, the tonnes that reach a country (or bucket: unknown, public-float, armed-group:ID) in one view, and the ownership or control chains that carry them.
         */
        get: {
            parameters: {
                query: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description The commodity */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    /** @description ISO code (CN, US, CD), unknown, public-float or armed-group:ID */
                    country: string;
                    /** @description Default attributable */
                    view?: "attributable" | "consolidated" | "deFacto" | "location";
                    /** @description Production period (default the latest year with actual figures) */
                    period?: string;
                    /** @description What shares are of: national (the country's mine output, with a row for what no recorded asset holds; default) or recorded (the recorded assets' tonnes) */
                    basis?: "national" | "recorded";
                    /** @description Which country a holder counts for: incorporation (default) or headquarters (where it is run from) */
                    countryBasis?: "incorporation" | "headquarters";
                    /** @description Count countries together: greater-china (China, Hong Kong and Macao) */
                    group?: "greater-china";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The explanation */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Explanation"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/lookthrough": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who ultimately owns an entity or asset, and what it ultimately holds */
        get: {
            parameters: {
                query: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description An id, a name or part of one */
                    entity: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The look-through report */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LookThroughReport"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/flows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where a commodity's tonnes go: held back, offtakes by buyer and country, open market
         * @description The allocation waterfall (export bans and quotas, offtakes in priority order, the rest to the open market) and its metrics: by seller, buyer, buyer country and destination, US-accessible tonnes, HHI, US net import reliance, EU supply risk. As `orebook report flows --format json`.
         */
        get: {
            parameters: {
                query: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description The commodity */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    /** @description Production period (default the year of asOf) */
                    period?: string;
                    /** @description off: what would flow without bans and quotas (default on) */
                    quota?: "on" | "off";
                    /** @description Offtake statuses that take part (default active): active, option, proposed, expired */
                    offtakes?: string;
                    /** @description What shares are of: national (the country's mine output, with a row for what no recorded asset holds; default) or recorded (the recorded assets' tonnes) */
                    basis?: "national" | "recorded";
                    /** @description Which country a holder counts for: incorporation (default) or headquarters (where it is run from) */
                    countryBasis?: "incorporation" | "headquarters";
                    /** @description Count countries together: greater-china (China, Hong Kong and Macao) */
                    group?: "greater-china";
                    /** @description A shipped scenario (GET /api/scenarios) applied first; asOf then defaults to its base date */
                    scenario?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The flows report */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FlowsReport"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Which way the tonnes leave: legs, ports, unshipped tonnes and binding capacities
         * @description The tonnes to ship (offtakes and open market, or production to the controller's country) routed over the network as a min-cost flow (HiGHS), with the Sankey graph. As `orebook report routes --format json`.
         */
        get: {
            parameters: {
                query: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description The commodity */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    /** @description Production period (default the latest year with actual figures) */
                    period?: string;
                    /** @description Where the shipments come from (default allocation) */
                    shipments?: "allocation" | "control";
                    /** @description Planned nodes, legs or corridors to open, comma-separated */
                    open?: string;
                    /** @description Nodes, legs or corridors to close, comma-separated */
                    close?: string;
                    /** @description Where open-market tonnes go (default the controller country's market) */
                    openMarket?: string;
                    /** @description Where tonnes go whose buyer country has no market node */
                    defaultMarket?: string;
                    /** @description Force the objective (default cost where known) */
                    objective?: "generalised" | "cost" | "days" | "distance" | "legs";
                    /** @description Solver time limit in seconds (default 20, at most 60) */
                    timeLimit?: string;
                    /** @description A shipped scenario (GET /api/scenarios) applied first; asOf then defaults to its base date */
                    scenario?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The routes report */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RoutesReport"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/stockpile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A stockpile's coverage and its shortfall, under a scenario when named
         * @description Coverage: months of the holder country's net imports the usable inventory covers (unknown holdings stay unknown unless assumeEmpty). Shortfall: per commodity and month of the year, need less the DRC supply still reaching the holder's country; with a scenario, against the dataset without it (or baseline). User inputs (need, assumeEmpty) are marked in the result. As `orebook stockpile status --format json`.
         */
        get: {
            parameters: {
                query: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description A stockpile id or its holder entity */
                    holder: string;
                    /** @description Share of the inventory that cannot be drawn (default 0) */
                    unavailable?: string;
                    /** @description 1: treat holdings missing from the sources as empty (stated) */
                    assumeEmpty?: "1";
                    /** @description USER INPUT need in tonnes a year where the sources lack net-import tonnes */
                    need?: string;
                    /** @description The year whose months the shortfall examines (default asOf's) */
                    year?: string;
                    /** @description A shipped scenario (GET /api/scenarios) applied first; asOf then defaults to its base date */
                    scenario?: string;
                    /** @description A shipped scenario as the shortfall's baseline (default with scenario: the dataset without it) */
                    baseline?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Coverage and shortfall */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileReport"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sources
         * @description The sources records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of sources */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SourcePage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of sources
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Source */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Source"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SourceVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of sources
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Source */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SourceVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of sources
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Source */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Source"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SourceVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of sources
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SourceVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/sources/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of sources
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SourceHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List entities
         * @description The entities records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entities */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EntityPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of entities
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Entity */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Entity"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EntityVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/entities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of entities
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Entity */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EntityVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of entities
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Entity */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Entity"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EntityVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of entities
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EntityVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/entities/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of entities
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EntityHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List assets
         * @description The assets records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of assets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AssetPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of assets
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Asset */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Asset"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AssetVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/assets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of assets
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Asset */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AssetVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of assets
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Asset */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Asset"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AssetVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of assets
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AssetVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/assets/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of assets
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AssetHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/stakes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List stakes
         * @description The stakes records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of stakes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StakePage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of stakes
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Stake */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Stake"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StakeVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/stakes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of stakes
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Stake */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StakeVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of stakes
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Stake */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Stake"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StakeVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of stakes
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StakeVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/stakes/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of stakes
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StakeHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/production": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List production
         * @description The production records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of production */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProductionPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of production
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Production */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Production"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProductionVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/production/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of production
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Production */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProductionVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of production
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Production */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Production"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProductionVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of production
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProductionVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/production/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of production
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProductionHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/offtakes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List offtakes
         * @description The offtakes records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of offtakes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OfftakePage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of offtakes
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Offtake */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Offtake"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OfftakeVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/offtakes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of offtakes
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Offtake */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OfftakeVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of offtakes
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Offtake */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Offtake"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OfftakeVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of offtakes
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OfftakeVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/offtakes/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of offtakes
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OfftakeHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/tradeRules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tradeRules
         * @description The tradeRules records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of tradeRules */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeRulePage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of tradeRules
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new TradeRule */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TradeRule"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeRuleVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/tradeRules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of tradeRules
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The TradeRule */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeRuleVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of tradeRules
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected TradeRule */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TradeRule"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeRuleVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of tradeRules
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeRuleVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/tradeRules/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of tradeRules
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeRuleHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/routeNodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List routeNodes
         * @description The routeNodes records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of routeNodes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteNodePage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of routeNodes
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new RouteNode */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RouteNode"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteNodeVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/routeNodes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of routeNodes
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The RouteNode */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteNodeVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of routeNodes
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected RouteNode */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RouteNode"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteNodeVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of routeNodes
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteNodeVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/routeNodes/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of routeNodes
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteNodeHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/routeLegs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List routeLegs
         * @description The routeLegs records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of routeLegs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteLegPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of routeLegs
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new RouteLeg */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RouteLeg"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteLegVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/routeLegs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of routeLegs
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The RouteLeg */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteLegVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of routeLegs
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected RouteLeg */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RouteLeg"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteLegVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of routeLegs
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteLegVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/routeLegs/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of routeLegs
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RouteLegHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/stockpiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List stockpiles
         * @description The stockpiles records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of stockpiles */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpilePage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of stockpiles
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Stockpile */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Stockpile"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/stockpiles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of stockpiles
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Stockpile */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of stockpiles
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Stockpile */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Stockpile"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of stockpiles
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/stockpiles/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of stockpiles
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/stockpileMovements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List stockpileMovements
         * @description The stockpileMovements records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of stockpileMovements */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileMovementPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of stockpileMovements
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new StockpileMovement */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StockpileMovement"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileMovementVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/stockpileMovements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of stockpileMovements
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The StockpileMovement */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileMovementVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of stockpileMovements
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected StockpileMovement */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StockpileMovement"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileMovementVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of stockpileMovements
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileMovementVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/stockpileMovements/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of stockpileMovements
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockpileMovementHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/demand": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List demand
         * @description The demand records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of demand */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DemandPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of demand
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Demand */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Demand"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DemandVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/demand/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of demand
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Demand */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DemandVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of demand
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Demand */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Demand"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DemandVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of demand
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DemandVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/demand/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of demand
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DemandHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List prices
         * @description The prices records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of prices */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PricePage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of prices
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Price */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Price"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PriceVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/prices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of prices
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Price */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PriceVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of prices
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Price */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Price"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PriceVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of prices
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PriceVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/prices/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of prices
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PriceHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/deals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List deals
         * @description The deals records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of deals */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of deals
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new Deal */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Deal"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/deals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of deals
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Deal */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of deals
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected Deal */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Deal"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of deals
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/deals/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of deals
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/territories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List territories
         * @description The territories records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of territories */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TerritoryControlPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of territories
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new TerritoryControl */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TerritoryControl"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TerritoryControlVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/territories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of territories
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The TerritoryControl */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TerritoryControlVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of territories
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected TerritoryControl */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TerritoryControl"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TerritoryControlVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of territories
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TerritoryControlVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/territories/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of territories
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TerritoryControlHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/countryProduction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List countryProduction
         * @description The countryProduction records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of countryProduction */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CountryProductionPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of countryProduction
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new CountryProduction */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CountryProduction"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CountryProductionVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/countryProduction/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of countryProduction
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The CountryProduction */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CountryProductionVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of countryProduction
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected CountryProduction */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CountryProduction"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CountryProductionVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of countryProduction
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CountryProductionVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/countryProduction/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of countryProduction
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CountryProductionHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/controlAgreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List controlAgreements
         * @description The controlAgreements records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of controlAgreements */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ControlAgreementPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of controlAgreements
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new ControlAgreement */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ControlAgreement"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ControlAgreementVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/controlAgreements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of controlAgreements
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ControlAgreement */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ControlAgreementVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of controlAgreements
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected ControlAgreement */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ControlAgreement"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ControlAgreementVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of controlAgreements
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ControlAgreementVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/controlAgreements/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of controlAgreements
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ControlAgreementHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/tradeFlows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tradeFlows
         * @description The tradeFlows records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of tradeFlows */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeFlowPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of tradeFlows
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new TradeFlow */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TradeFlow"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeFlowVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/tradeFlows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of tradeFlows
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The TradeFlow */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeFlowVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of tradeFlows
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected TradeFlow */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TradeFlow"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeFlowVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of tradeFlows
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeFlowVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/tradeFlows/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of tradeFlows
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TradeFlowHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/indirectInterests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List indirectInterests
         * @description The indirectInterests records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of indirectInterests */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IndirectInterestPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of indirectInterests
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new IndirectInterest */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IndirectInterest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IndirectInterestVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/indirectInterests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of indirectInterests
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The IndirectInterest */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IndirectInterestVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of indirectInterests
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected IndirectInterest */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IndirectInterest"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IndirectInterestVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of indirectInterests
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IndirectInterestVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/indirectInterests/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of indirectInterests
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IndirectInterestHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/transportRates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List transportRates
         * @description The transportRates records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of transportRates */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TransportRatePage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of transportRates
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new TransportRate */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TransportRate"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TransportRateVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/transportRates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of transportRates
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The TransportRate */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TransportRateVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of transportRates
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected TransportRate */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TransportRate"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TransportRateVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of transportRates
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TransportRateVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/transportRates/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of transportRates
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TransportRateHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/corridorTargets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List corridorTargets
         * @description The corridorTargets records as the store knew them at knownAt; with asOf, only those in force that day. Sorted by id, paged with cursor.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    asOf?: string;
                    /** @description Page size, 1 to 1000 (default 100) */
                    limit?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of corridorTargets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CorridorTargetPage"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create one of corridorTargets
         * @description Writes version 1 of a new record. Analysts and admins. Cross-references are checked against the dataset.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new CorridorTarget */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CorridorTarget"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CorridorTargetVersion"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/corridorTargets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of corridorTargets
         * @description The current version (or the one current at knownAt), with its ETag for a later correction.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The CorridorTarget */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CorridorTargetVersion"];
                    };
                };
            };
        };
        /**
         * Correct one of corridorTargets
         * @description Writes a new version. Send If-Match with the ETag of the version read: if someone wrote since, 412 and nothing is written. Optional X-Change-Note says why.
         */
        put: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The corrected CorridorTarget */
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CorridorTarget"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CorridorTargetVersion"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Withdraw one of corridorTargets
         * @description Writes a tombstone version (history keeps every earlier one). Same If-Match rule as a correction.
         */
        delete: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: {
                    /** @description The version read, as its ETag ("v3"): required, so a stale write cannot overwrite */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tombstone */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CorridorTargetVersion"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/records/corridorTargets/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of one of corridorTargets
         * @description Every version, oldest first: corrections and withdrawals with who wrote them, when and why.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CorridorTargetHistory"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The datasets in the store */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The datasets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["DatasetInfo"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/snapshot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every record in force on asOf, as the store knew it at knownAt */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The snapshot */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Snapshot"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a dataset
         * @description Every record as the store knew it at knownAt (restricted records left out for viewers). format=json: the dataset; format=bods: Beneficial Ownership Data Standard 0.4 statements (entities, assets and stakes) as a JSON array; format=csv: one record kind's table (kind=…), the columns of orebook template csv.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description Default json */
                    format?: "json" | "bods" | "csv";
                    /** @description The record kind to export, with format=csv */
                    kind?: "sources" | "entities" | "assets" | "stakes" | "production" | "offtakes" | "tradeRules" | "routeNodes" | "routeLegs" | "stockpiles" | "stockpileMovements" | "demand" | "prices" | "deals" | "territories" | "countryProduction" | "controlAgreements" | "tradeFlows" | "indirectInterests" | "transportRates" | "corridorTargets";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The dataset (json), its BODS statements (bods) or one kind's table (csv) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Dataset"] | {
                            [key: string]: unknown;
                        }[];
                        "text/csv": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import records into a dataset
         * @description Analysts and admins; every problem is listed and then nothing is written. format=json: a dataset (any kinds); new records get version 1, changed ones a new version, identical ones are skipped. Changing a record that exists needs base, the dataset's revision the copy was read at: a record written or withdrawn since is not overwritten (409 CONFLICT, each listed), so neither a concurrent edit nor a correction made since a stale copy was exported is lost. format=bods: BODS 0.4 statements (a JSON array or JSON Lines; skipInvalid=1 imports the valid ones of a file with problems). format=csv: one record kind's table (kind=…, the columns of orebook template csv). A BODS or CSV body is written to temporary files as it arrives (never held whole; the import size limit counted as it is read) and imported in a worker thread with its own connection to the store, off the event loop, as orebook import bods and orebook import csv do (CSV a chunk at a time), every problem with its table, line and column; async=1 answers 202 with the job (follow its events, fetch its result) instead of waiting.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description Default json */
                    format?: "json" | "bods" | "csv";
                    /** @description The record kind of a CSV table */
                    kind?: "sources" | "entities" | "assets" | "stakes" | "production" | "offtakes" | "tradeRules" | "routeNodes" | "routeLegs" | "stockpiles" | "stockpileMovements" | "demand" | "prices" | "deals" | "territories" | "countryProduction" | "controlAgreements" | "tradeFlows" | "indirectInterests" | "transportRates" | "corridorTargets";
                    /** @description 1: answer 202 with the job */
                    async?: "1";
                    /** @description The dataset's revision your copy was read at: its updatedAt in GET /api/datasets, or the X-Orebook-Revision header of GET /api/export. Needed to change records that exist (428 without it); a record changed or withdrawn since is not overwritten (409, each listed) and nothing is written */
                    base?: string;
                    /** @description BODS: 1 imports the valid statements of a file with problems */
                    skipInvalid?: "1";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Dataset"];
                    "text/csv": string;
                };
            };
            responses: {
                /** @description What was written. format=csv also takes a JSON body: an object of record kind → CSV text, so tables that refer to each other (sources, entities, stakes) arrive together */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportResult"];
                    };
                };
                /** @description Queued (async=1): the import job */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JobStatus"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a long job in a worker thread
         * @description Analysts and admins. Returns 202 at once; follow links.events for progress and links.result when done.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["JobRequest"];
                };
            };
            responses: {
                /** @description Queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JobStatus"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job's state and progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The job */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JobStatus"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Cancel a job
         * @description Terminates its worker. A finished job is returned as it is.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The job */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JobStatus"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Progress as server-sent events
         * @description text/event-stream: `status` (the job now), then `progress` events, then one of `done`, `failed`, `cancelled`, and the stream ends.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A finished job's result
         * @description 200 with the result when done; 409 while it runs; the job's problem when it failed or was cancelled.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The result */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tokens (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["TokenInfo"][];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a token; the reply is the only time it is shown */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TokenRequest"];
                };
            };
            responses: {
                /** @description The token, in clear, once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NewToken"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The revoked token */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TokenInfo"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scenarios": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The scenarios shipped with Orebook
         * @description Each with its id (for the other routes), name, base date and changes.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The shipped scenarios */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScenarioList"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scenarios/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a scenario's changes and report the result
         * @description The scenario (a shipped id or a scenario in the body) is applied to the dataset the caller may see and evaluated: control and allocation per commodity, the headline metrics with their parts, and which engine parts were computed. Writes nothing.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EvaluateRequest"];
                };
            };
            responses: {
                /** @description The evaluation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScenarioEvaluation"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scenarios/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Compare scenarios side by side with the first
         * @description Each scenario applied to the same dataset and evaluated; every headline metric with its change from the first, the largest changes first, each explained by the parts that moved. As `orebook compare --format json`. Writes nothing.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CompareRequest"];
                };
            };
            responses: {
                /** @description The comparison */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Comparison"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Deals with their status on asOf
         * @description Every deal with its status on the date (from its dated history), conditions, valuation, probability and the changes it makes when it closes. As `orebook deals --format json`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description The date the world is taken at (default today, UTC) */
                    asOf?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                    /** @description Only deals with this status on asOf */
                    status?: "proposed" | "negotiating" | "agreed-in-principle" | "signed" | "conditions-pending" | "closed" | "collapsed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The deals */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealList"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deals/{id}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a deal changes when it closes
         * @description The world on the date without and with the deal closed, evaluated and compared: every headline metric that moves, with why. Obligations such as security assistance are listed, not computed. Writes nothing.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The dataset (default drc) */
                    dataset?: string;
                    /** @description What the store knew then: a date (end of that day, UTC) or a timestamp (default now) */
                    knownAt?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DealEvaluateRequest"];
                };
            };
            responses: {
                /** @description Today and with the deal closed, compared */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DealEvaluation"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the caller is, and how it authenticated */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The caller */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Start a browser session from a token
         * @description Send the token as Authorization: Bearer <token> (never in the body). Answers with the `orebook_session` cookie (HttpOnly, SameSite=Strict, Path=/api, 8 hours); the browser then sends it with every API call and EventSource. Writes through the cookie must carry X-Orebook-Request: 1.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The session started */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
            };
        };
        /**
         * End the browser session (sign out)
         * @description Removes the session and clears the cookie. Through the cookie, send X-Orebook-Request: 1.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ControlSweepParams: {
            commodities?: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
            from?: number;
            to?: number;
            /**
             * @default year
             * @enum {string}
             */
            step: "year" | "quarter" | "month";
            /**
             * @default [
             *       0.5
             *     ]
             */
            thresholds: number[];
        };
        MonteCarloParams: {
            /** @description A shipped scenario's id or a scenario whose uncertain changes are drawn (default: the dataset's pending deals that carry a probability) */
            scenario?: string | {
                name: string;
                description?: string;
                baseDate: string;
                period?: string;
                /** @default false */
                carryForward: boolean;
                commodities?: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
                /** @default [] */
                sources: {
                    id: string;
                    title: string;
                    url?: string;
                    publisher?: string;
                    published?: string;
                    accessed?: string;
                    /** @enum {string} */
                    kind: "primary" | "secondary" | "reference" | "derived" | "analyst";
                    /** @enum {string} */
                    confidence: "high" | "medium" | "low";
                    note?: string;
                    restricted?: boolean;
                }[];
                /** @default [] */
                changes: ({
                    /** @enum {string} */
                    kind: "deal-closes";
                    deal: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "deal-collapses";
                    deal: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "stake-transfer";
                    from: string;
                    to: string;
                    owned: string;
                    share?: number;
                    fraction?: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "offtake";
                    sellers: string[];
                    buyer: string;
                    commodities: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
                    term: {
                        /** @enum {string} */
                        kind: "equity-proportional";
                        holder?: string;
                    } | {
                        /** @enum {string} */
                        kind: "fixed";
                        tonnes: number;
                    } | {
                        /** @enum {string} */
                        kind: "share-of-production";
                        share: number;
                    } | {
                        /** @enum {string} */
                        kind: "share-of-unallocated";
                        share: number;
                    } | {
                        /** @enum {string} */
                        kind: "exclusive-country";
                        country: string;
                    };
                    priority?: number;
                    destination?: string;
                    validTo?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "production-outage";
                    asset?: string;
                    province?: string;
                    /** @enum {string} */
                    commodity?: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    factor: number;
                    factorEnd?: number;
                    period?: string;
                    from?: string;
                    to?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "territory-taken";
                    id?: string;
                    controller: string;
                    /** @default CD */
                    country: string;
                    province?: string;
                    /** @default [] */
                    territories: string[];
                    /** @default [] */
                    assets: string[];
                    territory?: string;
                    /** @default [] */
                    extent: ({
                        unit: string;
                        /**
                         * @default whole
                         * @enum {string}
                         */
                        held: "whole" | "partial" | "town";
                        note?: string;
                    } | {
                        name: string;
                        /** @enum {string} */
                        level: "province" | "territoire" | "ville" | "chefferie" | "secteur" | "groupement" | "locality";
                        within?: string;
                        pcode?: string;
                        /** @enum {string} */
                        held: "whole" | "partial" | "town";
                        location?: {
                            lat: number;
                            lon: number;
                        };
                        boundary?: {
                            geometry: {
                                /** @enum {string} */
                                type: "Polygon";
                                coordinates: [
                                    number,
                                    number
                                ][][];
                            } | {
                                /** @enum {string} */
                                type: "MultiPolygon";
                                coordinates: [
                                    number,
                                    number
                                ][][][];
                            };
                            sources: string[];
                            note?: string;
                        };
                        note?: string;
                    })[];
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "territory-returned";
                    territory?: string;
                    /** @default [] */
                    units: string[];
                    /** @default [] */
                    assets: string[];
                    controller?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "export-ban";
                    /** @default CD */
                    country: string;
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    validTo?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "export-quota";
                    /** @default CD */
                    country: string;
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    capTonnes: number;
                    capPeriod: string;
                    strategicTonnes?: number;
                    validTo?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "quota-change";
                    rule: string;
                    factor?: number;
                    capTonnes?: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "route-closed";
                    leg?: string;
                    node?: string;
                    corridor?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "route-opened";
                    leg?: string;
                    node?: string;
                    corridor?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "price-shock";
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    factor: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "demand-shock";
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    country?: string;
                    factor: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "stockpile-budget";
                    stockpile: string;
                    budgetUsd?: number;
                    changeUsd?: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                })[];
            };
            /** @default 10000 */
            runs: number;
            /** @default 1 */
            seed: number;
            /**
             * @default cobalt
             * @enum {string}
             */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            period?: string;
            /** @description The date whose pending deals are drawn, without a scenario (default today) */
            asOf?: string;
            /** @description The stockpile whose shortfall each run measures (default project-vault, when the dataset has it) */
            holder?: string;
            /** @description USER INPUT need in tonnes a year where the sources lack it */
            need?: {
                cobalt?: number;
                copper?: number;
                gallium?: number;
                germanium?: number;
                gold?: number;
                lithium?: number;
                tantalum?: number;
                tin?: number;
                tungsten?: number;
                zinc?: number;
            };
            /**
             * @description Extra worker threads inside the job (default 0: the job's own thread)
             * @default 0
             */
            workers: number;
        };
        ProcurementParams: {
            holder: string;
            /** @description A shipped scenario's id or a scenario applied first */
            scenario?: string | {
                name: string;
                description?: string;
                baseDate: string;
                period?: string;
                /** @default false */
                carryForward: boolean;
                commodities?: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
                /** @default [] */
                sources: {
                    id: string;
                    title: string;
                    url?: string;
                    publisher?: string;
                    published?: string;
                    accessed?: string;
                    /** @enum {string} */
                    kind: "primary" | "secondary" | "reference" | "derived" | "analyst";
                    /** @enum {string} */
                    confidence: "high" | "medium" | "low";
                    note?: string;
                    restricted?: boolean;
                }[];
                /** @default [] */
                changes: ({
                    /** @enum {string} */
                    kind: "deal-closes";
                    deal: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "deal-collapses";
                    deal: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "stake-transfer";
                    from: string;
                    to: string;
                    owned: string;
                    share?: number;
                    fraction?: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "offtake";
                    sellers: string[];
                    buyer: string;
                    commodities: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
                    term: {
                        /** @enum {string} */
                        kind: "equity-proportional";
                        holder?: string;
                    } | {
                        /** @enum {string} */
                        kind: "fixed";
                        tonnes: number;
                    } | {
                        /** @enum {string} */
                        kind: "share-of-production";
                        share: number;
                    } | {
                        /** @enum {string} */
                        kind: "share-of-unallocated";
                        share: number;
                    } | {
                        /** @enum {string} */
                        kind: "exclusive-country";
                        country: string;
                    };
                    priority?: number;
                    destination?: string;
                    validTo?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "production-outage";
                    asset?: string;
                    province?: string;
                    /** @enum {string} */
                    commodity?: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    factor: number;
                    factorEnd?: number;
                    period?: string;
                    from?: string;
                    to?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "territory-taken";
                    id?: string;
                    controller: string;
                    /** @default CD */
                    country: string;
                    province?: string;
                    /** @default [] */
                    territories: string[];
                    /** @default [] */
                    assets: string[];
                    territory?: string;
                    /** @default [] */
                    extent: ({
                        unit: string;
                        /**
                         * @default whole
                         * @enum {string}
                         */
                        held: "whole" | "partial" | "town";
                        note?: string;
                    } | {
                        name: string;
                        /** @enum {string} */
                        level: "province" | "territoire" | "ville" | "chefferie" | "secteur" | "groupement" | "locality";
                        within?: string;
                        pcode?: string;
                        /** @enum {string} */
                        held: "whole" | "partial" | "town";
                        location?: {
                            lat: number;
                            lon: number;
                        };
                        boundary?: {
                            geometry: {
                                /** @enum {string} */
                                type: "Polygon";
                                coordinates: [
                                    number,
                                    number
                                ][][];
                            } | {
                                /** @enum {string} */
                                type: "MultiPolygon";
                                coordinates: [
                                    number,
                                    number
                                ][][][];
                            };
                            sources: string[];
                            note?: string;
                        };
                        note?: string;
                    })[];
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "territory-returned";
                    territory?: string;
                    /** @default [] */
                    units: string[];
                    /** @default [] */
                    assets: string[];
                    controller?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "export-ban";
                    /** @default CD */
                    country: string;
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    validTo?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "export-quota";
                    /** @default CD */
                    country: string;
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    capTonnes: number;
                    capPeriod: string;
                    strategicTonnes?: number;
                    validTo?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "quota-change";
                    rule: string;
                    factor?: number;
                    capTonnes?: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "route-closed";
                    leg?: string;
                    node?: string;
                    corridor?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "route-opened";
                    leg?: string;
                    node?: string;
                    corridor?: string;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "price-shock";
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    factor: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "demand-shock";
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    country?: string;
                    factor: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                } | {
                    /** @enum {string} */
                    kind: "stockpile-budget";
                    stockpile: string;
                    budgetUsd?: number;
                    changeUsd?: number;
                    date?: string;
                    probability?: number;
                    group?: string;
                    sources?: string[];
                    assumption?: string;
                    note?: string;
                })[];
            };
            /** @description Plan from the month after this date (default the scenario's base date, else today) */
            asOf?: string;
            /** @description Default: the stockpile's budget less what is committed */
            budgetUsd?: number;
            /** @default 12 */
            horizonMonths: number;
            /** @default false */
            assumeEmpty: boolean;
            /** @description USER INPUT targets in tonnes */
            targets?: {
                cobalt?: number;
                copper?: number;
                gallium?: number;
                germanium?: number;
                gold?: number;
                lithium?: number;
                tantalum?: number;
                tin?: number;
                tungsten?: number;
                zinc?: number;
            };
            /** @description USER INPUT need in tonnes a year */
            need?: {
                cobalt?: number;
                copper?: number;
                gallium?: number;
                germanium?: number;
                gold?: number;
                lithium?: number;
                tantalum?: number;
                tin?: number;
                tungsten?: number;
                zinc?: number;
            };
            weights?: {
                cobalt?: number;
                copper?: number;
                gallium?: number;
                germanium?: number;
                gold?: number;
                lithium?: number;
                tantalum?: number;
                tin?: number;
                tungsten?: number;
                zinc?: number;
            };
            /**
             * @description Route each source to the holder's market (default true)
             * @default true
             */
            routes: boolean;
            /** @default 60 */
            timeLimitSeconds: number;
        };
        ImportParams: {
            /** @enum {string} */
            format: "bods" | "csv";
            content?: string;
            tables?: {
                sources?: string;
                entities?: string;
                assets?: string;
                stakes?: string;
                production?: string;
                offtakes?: string;
                tradeRules?: string;
                routeNodes?: string;
                routeLegs?: string;
                stockpiles?: string;
                stockpileMovements?: string;
                demand?: string;
                prices?: string;
                deals?: string;
                territories?: string;
                countryProduction?: string;
                controlAgreements?: string;
                tradeFlows?: string;
                indirectInterests?: string;
                transportRates?: string;
                corridorTargets?: string;
            };
            /** @default false */
            skipInvalid: boolean;
            base?: string;
        };
        HeldAreasReport: {
            asOf: string;
            areas: {
                territory: string;
                controller: string;
                controllerName: string;
                country: string;
                province: string;
                validFrom: string;
                validTo?: string;
                units: {
                    name: string;
                    /** @enum {string} */
                    level: "province" | "territoire" | "ville" | "chefferie" | "secteur" | "groupement" | "locality";
                    within?: string;
                    pcode?: string;
                    /** @enum {string} */
                    held: "whole" | "partial" | "town";
                    location?: {
                        lat: number;
                        lon: number;
                    };
                    boundary?: {
                        geometry: {
                            /** @enum {string} */
                            type: "Polygon";
                            coordinates: [
                                number,
                                number
                            ][][];
                        } | {
                            /** @enum {string} */
                            type: "MultiPolygon";
                            coordinates: [
                                number,
                                number
                            ][][][];
                        };
                        sources: string[];
                        note?: string;
                    };
                    note?: string;
                }[];
                territories: string[];
                assets: string[];
                boundary?: {
                    geometry: {
                        /** @enum {string} */
                        type: "Polygon";
                        coordinates: [
                            number,
                            number
                        ][][];
                    } | {
                        /** @enum {string} */
                        type: "MultiPolygon";
                        coordinates: [
                            number,
                            number
                        ][][][];
                    };
                    sources: string[];
                    note?: string;
                };
                sources: string[];
                note?: string;
            }[];
            sites: {
                asset: string;
                name: string;
                province: string | null;
                territory: string | null;
                location: {
                    lat: number;
                    lon: number;
                } | null;
                commodities: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
                deFactoBy?: components["schemas"]["DeFactoPlacement"];
                partlyHeld?: components["schemas"]["PartialHold"][];
            }[];
            notes: string[];
        };
        DeFactoPlacement: {
            controller: string;
            territory: string;
            validFrom: string;
            validTo?: string;
            /** @enum {string} */
            basis: "named" | "admin-unit" | "polygon";
            unit?: {
                name: string;
                /** @enum {string} */
                level: "province" | "territoire" | "ville" | "chefferie" | "secteur" | "groupement" | "locality";
                pcode?: string;
            };
            edgeKm?: number;
            sources: string[];
        };
        PartialHold: {
            controller: string;
            territory: string;
            unit: string;
            /** @enum {string} */
            held: "partial" | "town";
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @enum {string} */
            code: "BAD_INPUT" | "NOT_FOUND" | "AMBIGUOUS" | "INVALID_DATA" | "CONFLICT" | "UNSUPPORTED" | "INTERNAL" | "UNAUTHORIZED" | "FORBIDDEN" | "METHOD_NOT_ALLOWED" | "NOT_ACCEPTABLE" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "PRECONDITION_FAILED" | "PRECONDITION_REQUIRED" | "TOO_MANY_REQUESTS" | "NOT_IMPLEMENTED" | "UNAVAILABLE";
            instance: string;
            issues: components["schemas"]["ProblemIssue"][];
        };
        ProblemIssue: {
            pointer: string;
            path: (string | number)[];
            record?: string;
            /** @description The table or file of the request the problem is in (entities.csv) */
            file?: string;
            /** @description Its line, from 1 */
            line?: number;
            /** @description Its column, from 1 */
            column?: number;
            message: string;
        };
        DeFactoSeries: {
            from: number;
            to: number;
            basis: string;
            commodities: {
                /** @enum {string} */
                commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                points: {
                    year: number;
                    asOf: string;
                    totalTonnes: number;
                    heldTonnes: number;
                    share: number | null;
                    byGroup: {
                        controller: string;
                        name: string;
                        tonnes: number;
                    }[];
                    bases: ("actual" | "estimate" | "guidance" | "capacity")[];
                    sitesWithFigures: number;
                    sitesHeld: {
                        asset: string;
                        name: string;
                        controller: string;
                        territory: string;
                        /** @enum {string} */
                        basis: "named" | "admin-unit" | "polygon";
                        tonnes: number | null;
                    }[];
                    label: string | null;
                }[];
            }[];
        };
        ChainsReport: {
            asOf: string;
            from: {
                id: string;
                name: string;
                kind: string;
                country: string | null;
            };
            to: {
                id: string;
                name: string;
                kind: string;
                country: string | null;
            };
            /** @description The solver's look-through share of from in to (cross-holdings counted) */
            lookThrough: {
                share: number;
                min: number;
                max: number;
            } | null;
            chains: {
                ids: string[];
                names: string[];
                links: {
                    owner: string;
                    owned: string;
                    stakes: string[];
                    share: number;
                    min: number;
                    max: number;
                }[];
                share: number;
                min: number;
                max: number;
            }[];
            chainsShare: number;
            truncated: boolean;
            maxHops: number;
            minShare: number;
        };
        ControlSeries: {
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            from: number;
            to: number;
            asOf: string;
            basis: string;
            points: {
                year: number;
                asOf: string;
                label: string | null;
                producedTonnes: number;
                exportedTonnes: number;
                openMarketShare: number | null;
                hhi: {
                    location: number | null;
                    attributable: number | null;
                    consolidated: number | null;
                    deFacto: number | null;
                    buyerCountry: number | null;
                };
                countries: {
                    country: string;
                    name: string;
                    location: number | null;
                    attributable: number | null;
                    consolidated: number | null;
                    deFacto: number | null;
                }[];
                companies: {
                    id: string;
                    name: string;
                    share: number | null;
                }[];
            }[];
            events: {
                date: string;
                /** @enum {string} */
                kind: "ban" | "quota" | "deal" | "seizure" | "withdrawal";
                label: string;
                record: string;
                sources: string[];
            }[];
        };
        ControlReport: {
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            asOf: string;
            period: string;
            /** @enum {string} */
            basis: "national" | "recorded";
            countryView: {
                /** @enum {string} */
                countryBasis: "incorporation" | "headquarters";
                /** @enum {string} */
                group?: "greater-china";
            };
            periodChoice: components["schemas"]["PeriodChoice"];
            controlThreshold: number;
            /** @description Tonnes on recorded assets */
            totalTonnes: number;
            /** @description The tonnes the shares are of: the national total, or the recorded tonnes */
            shareOfTonnes: number;
            byCountry: {
                country: string;
                name: string;
                locationShare: number;
                attributableShare: number;
                attributableMin: number;
                attributableMax: number;
                consolidatedShare: number;
                consolidatedJointShare: number;
                deFactoShare: number;
                deFactoJointShare: number;
                locationTonnes: number;
                attributableTonnes: number;
                consolidatedTonnes: number;
                consolidatedJointTonnes: number;
                deFactoTonnes: number;
                deFactoJointTonnes: number;
            }[];
            byCompany: {
                id: string;
                name: string;
                country: string | null;
                kind: string;
                attributableTonnes: number;
                attributableMin: number;
                attributableMax: number;
                attributableShare: number;
                ultimateTonnes: number;
                consolidatedTonnes: number;
                consolidatedShare: number;
                consolidatedJointTonnes: number;
            }[];
            hhi: {
                location: number;
                attributable: number;
                consolidated: number;
                deFacto: number;
            };
            assets: {
                id: string;
                name: string;
                tonnes: number;
                /** @enum {string} */
                basis: "actual" | "estimate" | "guidance" | "capacity";
                periods: string[];
                records: string[];
                joint?: {
                    record: string;
                    assets: string[];
                    weight: number;
                    splitBasis: string;
                };
                country: string;
                controller: string;
                controllerName: string;
                controllerCountry: string;
                controlChain: string[];
                /** @enum {string|null} */
                controlBasis: "agreement" | "operator" | "majority" | "joint" | null;
                controllers: {
                    id: string;
                    name: string;
                    country: string;
                    share: number;
                    joint: boolean;
                    chain: string[];
                }[];
                controlSteps: components["schemas"]["ControlStep"][];
                deFacto: string;
                deFactoBy?: components["schemas"]["DeFactoPlacement"];
                partlyHeld?: components["schemas"]["PartialHold"][];
                sources: string[];
            }[];
            coverage: components["schemas"]["Coverage"] & {
                assetsWithFigures: number;
                missing: {
                    asset: string;
                    name: string;
                    reason: string;
                    deFactoBy?: components["schemas"]["DeFactoPlacement"];
                    partlyHeld?: components["schemas"]["PartialHold"][];
                }[];
                reference: {
                    country: string | null;
                    year: number;
                    tonnes: number;
                    stage: string;
                    sources: string[];
                }[];
            };
            staleInputs: components["schemas"]["StaleInput"][];
            carriedForward?: components["schemas"]["CarriedForwardView"];
            notes: string[];
        };
        PeriodChoice: {
            period: string;
            /** @enum {string} */
            how: "requested" | "requested-without-figures" | "earlier-year" | "latest-actual" | "latest-estimate" | "no-figure" | "requested-capacity" | "latest-capacity";
            requested?: string;
            bases: ("actual" | "estimate" | "guidance" | "capacity")[];
            latestYearWithFigures?: string;
            label: string | null;
        };
        ControlStep: {
            node: string;
            by: string[];
            /** @enum {string} */
            basis: "agreement" | "operator" | "majority" | "joint";
            record?: string;
            shares?: number[];
            sources?: string[];
        };
        Coverage: {
            /** @enum {string} */
            requestedBasis: "national" | "recorded";
            /**
             * @description The basis of the shares: recorded when asked, or when no national total exists
             * @enum {string}
             */
            basis: "national" | "recorded";
            countries: string[];
            period: string;
            /** @enum {string} */
            stage: "mine";
            /** @description Tonnes on recorded assets */
            recordedTonnes: number;
            /** @description The preferred national total; null (with a note) when none */
            nationalTonnes: number | null;
            /** @description recordedTonnes ÷ nationalTonnes */
            share: number | null;
            /** @description National output not on a recorded asset (never negative) */
            residualTonnes: number;
            /** @description Recorded tonnes above the national total, when they exceed it */
            excessTonnes: number;
            /** @description The tonnes every share is of */
            denominatorTonnes: number;
            records: string[];
            sources: string[];
            alternatives: {
                tonnes: number;
                share: number | null;
                sources: string[];
                note?: string;
            }[];
            /** @description National totals used that are estimates (exports standing in for mine output, an earlier year carried forward with its age, or derived from sourced inputs), each with its label */
            estimates: {
                record: string;
                country: string;
                /** @enum {string} */
                method: "exports-proxy" | "carried-forward" | "derived";
                fromYear?: number;
                ageYears?: number;
                label: string;
            }[];
            note: string | null;
        };
        StaleInput: {
            record: string;
            /** @enum {string} */
            kind: "stake" | "production" | "trade-statistics" | "demand";
            /** @description What it is, in plain words */
            what: string;
            /** @description Its own date or period */
            date: string;
            /** @description The date or period it is used for */
            usedFor: string;
            /** @description From its date to usedFor, in years */
            ageYears: number;
            assets: string[];
            /** @description The counted tonnes it bears on */
            tonnes: number;
            /** @description Those tonnes as a share of what the shares are of */
            share: number | null;
            affects?: string;
            /**
             * @description Set when it is used only in the carried-forward view, not in the headline
             * @enum {string}
             */
            view?: "carried-forward";
        };
        /** @description The report if every producer without a figure for the year kept its last published figure (at most maxAgeYears old): an assumption, never part of the headline */
        CarriedForwardView: {
            label: string;
            maxAgeYears: number;
            assets: {
                assets: string[];
                name: string;
                tonnes: number;
                /** @description The carried figure's own period */
                period: string;
                /** @enum {string} */
                basis: "actual" | "estimate" | "guidance" | "capacity";
                ageYears: number;
                /** @description The figure carried */
                record: string;
                sources: string[];
            }[];
            carriedTonnes: number;
            coverage: components["schemas"]["Coverage"];
            shareOfTonnes: number;
            byCountry: {
                country: string;
                name: string;
                locationShare: number;
                attributableShare: number;
                attributableMin: number;
                attributableMax: number;
                consolidatedShare: number;
                consolidatedJointShare: number;
                deFactoShare: number;
                deFactoJointShare: number;
                locationTonnes: number;
                attributableTonnes: number;
                consolidatedTonnes: number;
                consolidatedJointTonnes: number;
                deFactoTonnes: number;
                deFactoJointTonnes: number;
            }[];
            hhi: {
                location: number;
                attributable: number;
                consolidated: number;
                deFacto: number;
            };
        } | null;
        Explanation: {
            commodity: string;
            asOf: string;
            period: string;
            /** @enum {string} */
            view: "attributable" | "consolidated" | "deFacto" | "location";
            country: string;
            name: string;
            tonnes: number;
            share: number;
            totalTonnes: number;
            shareOfTonnes: number;
            /** @enum {string} */
            basis: "national" | "recorded";
            rows: {
                asset: string;
                name: string;
                assetTonnes: number;
                share: number;
                tonnes: number;
                reason: string;
                sources?: string[];
                control?: {
                    /** @enum {string|null} */
                    basis: "agreement" | "operator" | "majority" | "joint" | null;
                    steps: components["schemas"]["ControlStep"][];
                };
                paths: {
                    chain: string[];
                    ids: string[];
                    shares: number[];
                    share: number;
                    tonnes: number;
                    declared?: string[];
                }[];
            }[];
            report: {
                hhi: {
                    location: number;
                    attributable: number;
                    consolidated: number;
                    deFacto: number;
                };
                notes: string[];
                periodChoice: components["schemas"]["PeriodChoice"];
                coverage: components["schemas"]["Coverage"] & {
                    assetsWithFigures: number;
                    missing: {
                        asset: string;
                        name: string;
                        reason: string;
                        deFactoBy?: components["schemas"]["DeFactoPlacement"];
                        partlyHeld?: components["schemas"]["PartialHold"][];
                    }[];
                    reference: {
                        country: string | null;
                        year: number;
                        tonnes: number;
                        stage: string;
                        sources: string[];
                    }[];
                };
            };
            staleInputs: components["schemas"]["StaleInput"][];
        };
        LookThroughReport: {
            asOf: string;
            subject: {
                id: string;
                name: string;
                kind: string;
                country: string | null;
            };
            owners: {
                id: string;
                name: string;
                kind: string;
                country: string | null;
                share: number;
                min: number;
                max: number;
                /** @enum {string} */
                end?: "root" | "remainder";
                /** @description The indirect share declared by this owner (or of this holding), if declared */
                declared?: number;
            }[];
            holdings: {
                id: string;
                name: string;
                kind: string;
                country: string | null;
                share: number;
                min: number;
                max: number;
                /** @enum {string} */
                end?: "root" | "remainder";
                /** @description The indirect share declared by this owner (or of this holding), if declared */
                declared?: number;
            }[];
            /** @description Declared indirect interests of the subject or in it (BODS), and how each is counted */
            declared: {
                id: string;
                owner: {
                    id: string;
                    name: string;
                    kind: string;
                    country: string | null;
                };
                owned: {
                    id: string;
                    name: string;
                    kind: string;
                    country: string | null;
                };
                share: number;
                min: number;
                max: number;
                through: string[];
                /** @enum {string} */
                placement: "components" | "derived" | "spanned" | "unplaced";
                note: string;
            }[];
            /** @description The dataset the report read */
            dataset?: string;
            /** @description True when the default dataset had no exact match and another dataset did */
            foundElsewhere?: boolean;
        };
        FlowsReport: {
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            period: string;
            asOf: string;
            /** @enum {string} */
            quotaMode: "apply" | "ignore";
            offtakeStatuses: string[];
            /** @enum {string} */
            basis: "national" | "recorded";
            /** @description The tonnes the shares are of: the national output (basis national), else the exported tonnes */
            shareOfTonnes: number;
            countryView: {
                /** @enum {string} */
                countryBasis?: "incorporation" | "headquarters";
                /** @enum {string} */
                group?: "greater-china";
            };
            coverage: components["schemas"]["Coverage"];
            staleInputs: components["schemas"]["StaleInput"][];
            producedTonnes: number;
            heldBackTonnes: number;
            exportedTonnes: number;
            toBuyersTonnes: number;
            openMarketTonnes: number;
            byBuyer: {
                buyer: string;
                name: string;
                country: string | null;
                tonnes: number;
                share: number;
            }[];
            byBuyerCountry: {
                country: string;
                name: string;
                tonnes: number;
                share: number;
            }[];
            byDestination: {
                destination: string;
                tonnes: number;
                share: number;
            }[];
            bySeller: {
                asset: string;
                name: string;
                producedTonnes: number;
                heldBackTonnes: number;
                toBuyersTonnes: number;
                openMarketTonnes: number;
            }[];
            lines: {
                asset: string;
                offtake: string;
                buyer: string;
                buyerCountry: string | null;
                term: string;
                tonnes: number;
            }[];
            heldBack: {
                asset: string;
                ruleId: string;
                tonnes: number;
            }[];
            usAccessible: {
                tonnes: number;
                share: number;
                buyers: string[];
            };
            hhi: {
                byBuyer: number | null;
                byBuyerCountry: number | null;
                byDestination: number | null;
            };
            netImportReliance: ({
                country: string;
                year: number;
                value: number | null;
                min: number | null;
            } & {
                [key: string]: unknown;
            }) | null;
            supplyRisk: {
                value: number | null;
                missing: string[];
            } & {
                [key: string]: unknown;
            };
            regimes: ({
                country: string;
                period: string;
            } & {
                [key: string]: unknown;
            })[];
            assets: ({
                asset: string;
                name: string;
                producedTonnes: number;
                heldBackTonnes: number;
                openMarketTonnes: number;
                explanations: string[];
            } & {
                [key: string]: unknown;
            })[];
            unknownProduction: {
                asset: string;
                name: string;
                note: string;
            }[];
            notes: string[];
            missing: string[];
            refining?: {
                commodity: string;
                year: number;
                byForm: ({
                    form: string;
                    stage: string;
                    tonnes: number;
                } & {
                    [key: string]: unknown;
                })[];
                refiners: ({
                    refiner: string;
                    name: string;
                    country: string;
                    controllerCountry: string;
                    tonnes: number;
                } & {
                    [key: string]: unknown;
                })[];
                chineseControlled: {
                    tonnes: number;
                    share: number;
                } & {
                    [key: string]: unknown;
                };
                usUsable: {
                    tonnes: number;
                    share: number;
                } & {
                    [key: string]: unknown;
                };
                notes: string[];
            } & {
                [key: string]: unknown;
            };
        };
        RoutesReport: {
            commodity: string;
            period: string;
            asOf: string;
            /** @enum {string} */
            shipmentsFrom: "allocation" | "control";
            heldBackTonnes: number;
            /** @enum {string} */
            objective: "generalised" | "cost" | "days" | "distance" | "legs";
            objectiveUnit: string;
            legs: ({
                id: string;
                from: string;
                to: string;
                tonnes: number;
                capacity: number | null;
                utilisation: number | null;
            } & {
                [key: string]: unknown;
            })[];
            routes: ({
                asset: string;
                destination: string;
                port: string | null;
                tonnes: number;
            } & {
                [key: string]: unknown;
            })[];
            ports: ({
                id: string;
                name: string;
                tonnes: number;
            } & {
                [key: string]: unknown;
            })[];
            bottlenecks: ({
                leg: string;
                capacity: number;
                tonnes: number;
            } & {
                [key: string]: unknown;
            })[];
            shipments: ({
                asset: string;
                tonnes: number;
            } & {
                [key: string]: unknown;
            })[];
            unshipped: ({
                asset: string;
                unshippedTonnes: number;
            } & {
                [key: string]: unknown;
            })[];
            unshippedTonnes: number;
            totals: {
                tonnes: number;
                shippedTonnes: number;
                unshippedTonnes: number;
                costUsd: number | null;
            } & {
                [key: string]: unknown;
            };
            opened: string[];
            closed: string[];
            notes: string[];
            sankey: components["schemas"]["RouteSankey"];
        } & {
            [key: string]: unknown;
        };
        RouteSankey: {
            nodes: {
                id: string;
                label: string;
                layer: 0 | 1 | 2 | 3;
            }[];
            links: {
                source: string;
                target: string;
                tonnes: number;
            }[];
        };
        StockpileReport: {
            coverage: {
                stockpile: string;
                name: string;
                holder: string;
                country: string;
                asOf: string;
                unavailableFraction: number;
                assumeEmpty: boolean;
                commodities: ({
                    commodity: string;
                    usableTonnes: number | null;
                    monthlyNeedTonnes: number | null;
                    monthsCovered: number | null;
                    status: string;
                    targetTonnes: number | null;
                    gapTonnes: number | null;
                } & {
                    [key: string]: unknown;
                })[];
                notes: string[];
            } & {
                [key: string]: unknown;
            };
            shortfall: {
                stockpile: string;
                country: string;
                asOf: string;
                year: number;
                baseline: boolean;
                commodities: ({
                    commodity: string;
                    months: ({
                        month: string;
                        shortfallTonnes: number | null;
                    } & {
                        [key: string]: unknown;
                    })[];
                    shortfallTonnes: number | null;
                    supplyLostTonnes: number | null;
                    coverUsd: number | null;
                    notes: string[];
                } & {
                    [key: string]: unknown;
                })[];
                notes: string[];
            } & {
                [key: string]: unknown;
            };
        };
        SourcePage: {
            items: components["schemas"]["Source"][];
            total: number;
            nextCursor: string | null;
        };
        Source: {
            id: string;
            title: string;
            url?: string;
            publisher?: string;
            published?: string;
            accessed?: string;
            /** @enum {string} */
            kind: "primary" | "secondary" | "reference" | "derived" | "analyst";
            /** @enum {string} */
            confidence: "high" | "medium" | "low";
            note?: string;
            restricted?: boolean;
        };
        SourceVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Source"];
        };
        SourceHistory: {
            items: components["schemas"]["SourceVersion"][];
        };
        EntityPage: {
            items: components["schemas"]["Entity"][];
            total: number;
            nextCursor: string | null;
        };
        Entity: {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "state" | "state-enterprise" | "company" | "fund" | "consortium" | "person" | "armed-group" | "public-float" | "unknown";
            country: string | null;
            headquarters?: string;
            countryReason?: string;
            aliases?: string[];
            listing?: string;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        EntityVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Entity"];
        };
        EntityHistory: {
            items: components["schemas"]["EntityVersion"][];
        };
        AssetPage: {
            items: components["schemas"]["Asset"][];
            total: number;
            nextCursor: string | null;
        };
        Asset: {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "mine" | "tailings" | "refinery" | "smelter" | "port" | "stockpile";
            country: string;
            province: string | null;
            territory?: string | null;
            location: {
                lat: number;
                lon: number;
                /** @enum {string} */
                precision?: "exact" | "approximate" | "town";
                sources?: string[];
                note?: string;
            } | null;
            /** @enum {string} */
            status: "operating" | "development" | "care-and-maintenance" | "suspended" | "planned" | "held-by-armed-group" | "disputed" | "closed";
            commodities: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
            operator?: string;
            aliases?: string[];
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        AssetVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Asset"];
        };
        AssetHistory: {
            items: components["schemas"]["AssetVersion"][];
        };
        StakePage: {
            items: components["schemas"]["Stake"][];
            total: number;
            nextCursor: string | null;
        };
        Stake: {
            id: string;
            owner: string;
            owned: string;
            share: number;
            shareMin?: number;
            shareMax?: number;
            /**
             * @default equity
             * @enum {string}
             */
            kind: "equity" | "free-carried";
            validFrom?: string;
            validTo?: string;
            alternatives?: {
                share: number;
                sources: string[];
                note?: string;
            }[];
            derivedFrom?: string;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        StakeVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Stake"];
        };
        StakeHistory: {
            items: components["schemas"]["StakeVersion"][];
        };
        ProductionPage: {
            items: components["schemas"]["Production"][];
            total: number;
            nextCursor: string | null;
        };
        Production: {
            id: string;
            asset?: string;
            split?: {
                asset: string;
                weight: number;
            }[];
            splitBasis?: string;
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            period: string;
            tonnes: number | null;
            tonnesMin?: number;
            tonnesMax?: number;
            /** @enum {string} */
            basis: "actual" | "estimate" | "guidance" | "capacity";
            form?: string;
            alternatives?: {
                tonnes: number;
                sources: string[];
                note?: string;
            }[];
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        ProductionVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Production"];
        };
        ProductionHistory: {
            items: components["schemas"]["ProductionVersion"][];
        };
        OfftakePage: {
            items: components["schemas"]["Offtake"][];
            total: number;
            nextCursor: string | null;
        };
        Offtake: {
            id: string;
            seller: string;
            buyer: string;
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            term: {
                /** @enum {string} */
                kind: "equity-proportional";
                holder?: string;
            } | {
                /** @enum {string} */
                kind: "fixed";
                tonnes: number;
            } | {
                /** @enum {string} */
                kind: "share-of-production";
                share: number;
            } | {
                /** @enum {string} */
                kind: "share-of-unallocated";
                share: number;
            } | {
                /** @enum {string} */
                kind: "exclusive-country";
                country: string;
            };
            priority: number;
            /** @enum {string} */
            status: "active" | "option" | "proposed" | "expired";
            destination?: string;
            validFrom?: string;
            validTo?: string;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        OfftakeVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Offtake"];
        };
        OfftakeHistory: {
            items: components["schemas"]["OfftakeVersion"][];
        };
        TradeRulePage: {
            items: components["schemas"]["TradeRule"][];
            total: number;
            nextCursor: string | null;
        };
        TradeRule: {
            id: string;
            /** @enum {string} */
            kind: "export-ban" | "export-quota" | "royalty" | "sanction";
            country: string;
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            validFrom: string;
            validTo?: string;
            capTonnes?: number;
            capPeriod?: string;
            strategicTonnes?: number;
            /** @enum {string} */
            allocationMethod?: "published-list" | "pro-rata-past-exports";
            allocations?: {
                holder: string;
                tonnes: number;
                period?: string;
                sources?: string[];
                note?: string;
            }[];
            rate?: number;
            target?: string;
            alternatives?: {
                capTonnes: number;
                sources: string[];
                note?: string;
            }[];
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        TradeRuleVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["TradeRule"];
        };
        TradeRuleHistory: {
            items: components["schemas"]["TradeRuleVersion"][];
        };
        RouteNodePage: {
            items: components["schemas"]["RouteNode"][];
            total: number;
            nextCursor: string | null;
        };
        RouteNode: {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "mine" | "border" | "hub" | "port" | "market" | "stockpile";
            country: string;
            location: {
                lat: number;
                lon: number;
                /** @enum {string} */
                precision?: "exact" | "approximate" | "town";
                sources?: string[];
                note?: string;
            } | null;
            asset?: string;
            /**
             * @default operating
             * @enum {string}
             */
            status: "operating" | "planned" | "closed";
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        RouteNodeVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["RouteNode"];
        };
        RouteNodeHistory: {
            items: components["schemas"]["RouteNodeVersion"][];
        };
        RouteLegPage: {
            items: components["schemas"]["RouteLeg"][];
            total: number;
            nextCursor: string | null;
        };
        RouteLeg: {
            id: string;
            from: string;
            to: string;
            /** @enum {string} */
            mode: "road" | "rail" | "sea" | "river" | "multimodal";
            corridor?: string;
            distanceKm: number | null;
            capacityTonnesPerYear: number | null;
            costUsdPerTonne: number | null;
            transitDays: number | null;
            /** @enum {string} */
            status: "operating" | "planned" | "closed";
            validFrom?: string;
            validTo?: string;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        RouteLegVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["RouteLeg"];
        };
        RouteLegHistory: {
            items: components["schemas"]["RouteLegVersion"][];
        };
        StockpilePage: {
            items: components["schemas"]["Stockpile"][];
            total: number;
            nextCursor: string | null;
        };
        Stockpile: {
            id: string;
            name: string;
            holder: string;
            country: string;
            /** @enum {string} */
            status: "operating" | "launched" | "proposed";
            budgetUsd: number | null;
            committedUsd?: number | null;
            commodities: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
            targetMonths?: number | null;
            holdings: {
                /** @enum {string} */
                commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                tonnes: number | null;
                bookValueUsd: number | null;
            }[];
            targets: {
                /** @enum {string} */
                commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                tonnes?: number;
                months?: number;
            }[];
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        StockpileVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Stockpile"];
        };
        StockpileHistory: {
            items: components["schemas"]["StockpileVersion"][];
        };
        StockpileMovementPage: {
            items: components["schemas"]["StockpileMovement"][];
            total: number;
            nextCursor: string | null;
        };
        StockpileMovement: {
            id: string;
            stockpile: string;
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            date: string;
            /** @enum {string} */
            kind: "acquisition" | "release" | "commitment";
            tonnes: number | null;
            valueUsd: number | null;
            counterparty?: string;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        StockpileMovementVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["StockpileMovement"];
        };
        StockpileMovementHistory: {
            items: components["schemas"]["StockpileMovementVersion"][];
        };
        DemandPage: {
            items: components["schemas"]["Demand"][];
            total: number;
            nextCursor: string | null;
        };
        Demand: {
            id: string;
            country: string;
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            year: number;
            apparentConsumptionTonnes: number | null;
            netImportReliance: number | null;
            netImportRelianceMin?: number;
            netImportsTonnes: number | null;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        DemandVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Demand"];
        };
        DemandHistory: {
            items: components["schemas"]["DemandVersion"][];
        };
        PricePage: {
            items: components["schemas"]["Price"][];
            total: number;
            nextCursor: string | null;
        };
        Price: {
            id: string;
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            date: string;
            usdPerTonne: number;
            quoted: string;
            market?: string;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        PriceVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Price"];
        };
        PriceHistory: {
            items: components["schemas"]["PriceVersion"][];
        };
        DealPage: {
            items: components["schemas"]["Deal"][];
            total: number;
            nextCursor: string | null;
        };
        Deal: {
            id: string;
            name: string;
            parties: {
                entity: string;
                role: string;
            }[];
            /** @enum {string} */
            status: "proposed" | "negotiating" | "agreed-in-principle" | "signed" | "conditions-pending" | "closed" | "collapsed";
            statusHistory: {
                date: string;
                /** @enum {string} */
                status: "proposed" | "negotiating" | "agreed-in-principle" | "signed" | "conditions-pending" | "closed" | "collapsed";
                sources: string[];
                note?: string;
            }[];
            /** @default [] */
            conditions: string[];
            valuationUsd: number | null;
            valuationNote?: string;
            probability: number | null;
            /** @default [] */
            effects: ({
                /** @enum {string} */
                kind: "stake-transfer";
                from: string;
                to: string;
                owned: string;
                share?: number;
                fraction?: number;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "control-agreement";
                agreement: {
                    id: string;
                    controlled: string;
                    controllers: string[];
                    /** @enum {string} */
                    basis: "operator" | "management-agreement" | "shareholder-agreement" | "board-control" | "golden-share" | "joint-control";
                    /** @default true */
                    confersControl: boolean;
                    validFrom?: string;
                    validTo?: string;
                    sources: string[];
                    asOf: string;
                    note?: string;
                    restricted?: boolean;
                };
            } | {
                /** @enum {string} */
                kind: "offtake";
                offtake: {
                    id: string;
                    seller: string;
                    buyer: string;
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    term: {
                        /** @enum {string} */
                        kind: "equity-proportional";
                        holder?: string;
                    } | {
                        /** @enum {string} */
                        kind: "fixed";
                        tonnes: number;
                    } | {
                        /** @enum {string} */
                        kind: "share-of-production";
                        share: number;
                    } | {
                        /** @enum {string} */
                        kind: "share-of-unallocated";
                        share: number;
                    } | {
                        /** @enum {string} */
                        kind: "exclusive-country";
                        country: string;
                    };
                    priority: number;
                    /** @enum {string} */
                    status: "active" | "option" | "proposed" | "expired";
                    destination?: string;
                    validFrom?: string;
                    validTo?: string;
                    sources: string[];
                    asOf: string;
                    note?: string;
                    restricted?: boolean;
                };
            } | {
                /** @enum {string} */
                kind: "new-asset";
                asset: {
                    id: string;
                    name: string;
                    /** @enum {string} */
                    kind: "mine" | "tailings" | "refinery" | "smelter" | "port" | "stockpile";
                    country: string;
                    province: string | null;
                    territory?: string | null;
                    location: {
                        lat: number;
                        lon: number;
                        /** @enum {string} */
                        precision?: "exact" | "approximate" | "town";
                        sources?: string[];
                        note?: string;
                    } | null;
                    /** @enum {string} */
                    status: "operating" | "development" | "care-and-maintenance" | "suspended" | "planned" | "held-by-armed-group" | "disputed" | "closed";
                    commodities: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
                    operator?: string;
                    aliases?: string[];
                    sources: string[];
                    asOf: string;
                    note?: string;
                    restricted?: boolean;
                };
            } | {
                /** @enum {string} */
                kind: "trade-rule";
                rule: {
                    id: string;
                    /** @enum {string} */
                    kind: "export-ban" | "export-quota" | "royalty" | "sanction";
                    country: string;
                    /** @enum {string} */
                    commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                    validFrom: string;
                    validTo?: string;
                    capTonnes?: number;
                    capPeriod?: string;
                    strategicTonnes?: number;
                    /** @enum {string} */
                    allocationMethod?: "published-list" | "pro-rata-past-exports";
                    allocations?: {
                        holder: string;
                        tonnes: number;
                        period?: string;
                        sources?: string[];
                        note?: string;
                    }[];
                    rate?: number;
                    target?: string;
                    alternatives?: {
                        capTonnes: number;
                        sources: string[];
                        note?: string;
                    }[];
                    sources: string[];
                    asOf: string;
                    note?: string;
                    restricted?: boolean;
                };
            } | {
                /** @enum {string} */
                kind: "route-node";
                node: {
                    id: string;
                    name: string;
                    /** @enum {string} */
                    kind: "mine" | "border" | "hub" | "port" | "market" | "stockpile";
                    country: string;
                    location: {
                        lat: number;
                        lon: number;
                        /** @enum {string} */
                        precision?: "exact" | "approximate" | "town";
                        sources?: string[];
                        note?: string;
                    } | null;
                    asset?: string;
                    /**
                     * @default operating
                     * @enum {string}
                     */
                    status: "operating" | "planned" | "closed";
                    sources: string[];
                    asOf: string;
                    note?: string;
                    restricted?: boolean;
                };
            } | {
                /** @enum {string} */
                kind: "route-leg";
                leg: {
                    id: string;
                    from: string;
                    to: string;
                    /** @enum {string} */
                    mode: "road" | "rail" | "sea" | "river" | "multimodal";
                    corridor?: string;
                    distanceKm: number | null;
                    capacityTonnesPerYear: number | null;
                    costUsdPerTonne: number | null;
                    transitDays: number | null;
                    /** @enum {string} */
                    status: "operating" | "planned" | "closed";
                    validFrom?: string;
                    validTo?: string;
                    sources: string[];
                    asOf: string;
                    note?: string;
                    restricted?: boolean;
                };
            } | {
                /** @enum {string} */
                kind: "obligation";
                party: string;
                description: string;
            })[];
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        DealVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["Deal"];
        };
        DealHistory: {
            items: components["schemas"]["DealVersion"][];
        };
        TerritoryControlPage: {
            items: components["schemas"]["TerritoryControl"][];
            total: number;
            nextCursor: string | null;
        };
        TerritoryControl: {
            id: string;
            controller: string;
            country: string;
            province: string;
            /** @default [] */
            territories: string[];
            /** @default [] */
            assets: string[];
            extent?: {
                name: string;
                /** @enum {string} */
                level: "province" | "territoire" | "ville" | "chefferie" | "secteur" | "groupement" | "locality";
                within?: string;
                pcode?: string;
                /** @enum {string} */
                held: "whole" | "partial" | "town";
                location?: {
                    lat: number;
                    lon: number;
                };
                boundary?: {
                    geometry: {
                        /** @enum {string} */
                        type: "Polygon";
                        coordinates: [
                            number,
                            number
                        ][][];
                    } | {
                        /** @enum {string} */
                        type: "MultiPolygon";
                        coordinates: [
                            number,
                            number
                        ][][][];
                    };
                    sources: string[];
                    note?: string;
                };
                note?: string;
            }[];
            boundary?: {
                geometry: {
                    /** @enum {string} */
                    type: "Polygon";
                    coordinates: [
                        number,
                        number
                    ][][];
                } | {
                    /** @enum {string} */
                    type: "MultiPolygon";
                    coordinates: [
                        number,
                        number
                    ][][][];
                };
                sources: string[];
                note?: string;
            };
            validFrom: string;
            validTo?: string;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        TerritoryControlVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["TerritoryControl"];
        };
        TerritoryControlHistory: {
            items: components["schemas"]["TerritoryControlVersion"][];
        };
        CountryProductionPage: {
            items: components["schemas"]["CountryProduction"][];
            total: number;
            nextCursor: string | null;
        };
        CountryProduction: {
            id: string;
            country: string | null;
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            year: number;
            tonnes: number;
            /** @enum {string} */
            stage: "mine" | "refinery" | "refinery-capacity" | "exports";
            alternatives?: {
                tonnes: number;
                sources: string[];
                note?: string;
            }[];
            estimate?: {
                /** @enum {string} */
                method: "exports-proxy" | "carried-forward" | "derived";
                fromYear?: number;
                label: string;
            };
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        CountryProductionVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["CountryProduction"];
        };
        CountryProductionHistory: {
            items: components["schemas"]["CountryProductionVersion"][];
        };
        ControlAgreementPage: {
            items: components["schemas"]["ControlAgreement"][];
            total: number;
            nextCursor: string | null;
        };
        ControlAgreement: {
            id: string;
            controlled: string;
            controllers: string[];
            /** @enum {string} */
            basis: "operator" | "management-agreement" | "shareholder-agreement" | "board-control" | "golden-share" | "joint-control";
            /** @default true */
            confersControl: boolean;
            validFrom?: string;
            validTo?: string;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        ControlAgreementVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["ControlAgreement"];
        };
        ControlAgreementHistory: {
            items: components["schemas"]["ControlAgreementVersion"][];
        };
        TradeFlowPage: {
            items: components["schemas"]["TradeFlow"][];
            total: number;
            nextCursor: string | null;
        };
        TradeFlow: {
            id: string;
            reporter: string;
            partner: string | null;
            /** @enum {string} */
            direction: "export" | "import";
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            form: string;
            hsCode?: string;
            year: number;
            grossTonnes?: number | null;
            tonnes: number | null;
            tonnesMin?: number;
            tonnesMax?: number;
            valueUsd?: number | null;
            /** @enum {string} */
            basis: "reported" | "mirror" | "estimate";
            informal?: boolean;
            alternatives?: {
                tonnes: number | null;
                grossTonnes?: number | null;
                sources: string[];
                note?: string;
            }[];
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        TradeFlowVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["TradeFlow"];
        };
        TradeFlowHistory: {
            items: components["schemas"]["TradeFlowVersion"][];
        };
        IndirectInterestPage: {
            items: components["schemas"]["IndirectInterest"][];
            total: number;
            nextCursor: string | null;
        };
        IndirectInterest: {
            id: string;
            owner: string;
            owned: string;
            share: number;
            shareMin?: number;
            shareMax?: number;
            components: {
                id: string;
                owner: string;
                owned: string;
            }[];
            /** @enum {string} */
            placement: "components" | "derived" | "spanned" | "unplaced";
            derived?: string[];
            validFrom?: string;
            validTo?: string;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        IndirectInterestVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["IndirectInterest"];
        };
        IndirectInterestHistory: {
            items: components["schemas"]["IndirectInterestVersion"][];
        };
        TransportRatePage: {
            items: components["schemas"]["TransportRate"][];
            total: number;
            nextCursor: string | null;
        };
        TransportRate: {
            id: string;
            /** @enum {string} */
            measure: "usd-per-tonne-km" | "km-per-day" | "usd-per-tonne-day";
            /** @enum {string} */
            mode?: "road" | "rail" | "sea" | "river" | "multimodal";
            /** @enum {string} */
            commodity?: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            region: string;
            year: number;
            value: number;
            valueMin?: number;
            valueMax?: number;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        TransportRateVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["TransportRate"];
        };
        TransportRateHistory: {
            items: components["schemas"]["TransportRateVersion"][];
        };
        CorridorTargetPage: {
            items: components["schemas"]["CorridorTarget"][];
            total: number;
            nextCursor: string | null;
        };
        CorridorTarget: {
            id: string;
            /** @enum {string} */
            commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
            year: number;
            scope: {
                country?: string;
                assets?: string[];
                note?: string;
            };
            /**
             * @default check
             * @enum {string}
             */
            use: "fit" | "check";
            via: string[];
            share?: number;
            shareMin?: number;
            shareMax?: number;
            tonnes?: number;
            tonnesMin?: number;
            tonnesMax?: number;
            sources: string[];
            asOf: string;
            note?: string;
            restricted?: boolean;
        };
        CorridorTargetVersion: {
            datasetId: string;
            kind: string;
            id: string;
            version: number;
            validFrom: string | null;
            validTo: string | null;
            recordedAt: string;
            recordedBy: string;
            sources: string[];
            note: string | null;
            deleted: boolean;
            record?: components["schemas"]["CorridorTarget"];
        };
        CorridorTargetHistory: {
            items: components["schemas"]["CorridorTargetVersion"][];
        };
        DatasetInfo: {
            id: string;
            createdAt: string;
            createdBy: string;
            updatedAt: string;
            /** @description A count of the dataset's writes: every write moves it by one */
            sequence: number;
        };
        Snapshot: {
            dataset: string;
            asOf: string;
            knownAt: string | null;
            /** @description The stockpile a stockpile report or scenario measures when none is named (null: the dataset has none) */
            defaultStockpile: string | null;
            records: components["schemas"]["Dataset"];
        };
        Dataset: {
            sources?: components["schemas"]["Source"][];
            entities?: components["schemas"]["Entity"][];
            assets?: components["schemas"]["Asset"][];
            stakes?: components["schemas"]["Stake"][];
            production?: components["schemas"]["Production"][];
            offtakes?: components["schemas"]["Offtake"][];
            tradeRules?: components["schemas"]["TradeRule"][];
            routeNodes?: components["schemas"]["RouteNode"][];
            routeLegs?: components["schemas"]["RouteLeg"][];
            stockpiles?: components["schemas"]["Stockpile"][];
            stockpileMovements?: components["schemas"]["StockpileMovement"][];
            demand?: components["schemas"]["Demand"][];
            prices?: components["schemas"]["Price"][];
            deals?: components["schemas"]["Deal"][];
            territories?: components["schemas"]["TerritoryControl"][];
            countryProduction?: components["schemas"]["CountryProduction"][];
            controlAgreements?: components["schemas"]["ControlAgreement"][];
            tradeFlows?: components["schemas"]["TradeFlow"][];
            indirectInterests?: components["schemas"]["IndirectInterest"][];
            transportRates?: components["schemas"]["TransportRate"][];
            corridorTargets?: components["schemas"]["CorridorTarget"][];
        };
        ImportResult: {
            datasetId: string;
            written: {
                [key: string]: number;
            };
            writtenTotal: number;
            unchanged: number;
            recordedAt: string;
            /** @description The dataset's revision after the import: the next import's base */
            revision: string;
        } & {
            [key: string]: unknown;
        };
        JobStatus: {
            id: string;
            kind: string;
            /** @enum {string} */
            state: "queued" | "running" | "done" | "failed" | "cancelled";
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            progress: {
                done: number;
                total: number;
                message: string;
            };
            error: {
                code: string;
                detail: string;
            } | null;
            links: {
                self: string;
                events: string;
                result: string;
            };
        };
        JobRequest: {
            /**
             * @description control-sweep (ControlSweepParams), monte-carlo (MonteCarloParams), procurement (ProcurementParams) or import (ImportParams)
             * @enum {string}
             */
            kind: "control-sweep" | "monte-carlo" | "procurement" | "import";
            /**
             * @description The kind's parameters: ControlSweepParams for control-sweep, MonteCarloParams for monte-carlo
             * @default {}
             */
            params: {
                [key: string]: unknown;
            };
            dataset?: string;
            knownAt?: string;
        };
        TokenInfo: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "viewer" | "analyst" | "admin";
            createdAt: string;
            createdBy: string;
            revokedAt: string | null;
        };
        NewToken: {
            token: string;
            info: components["schemas"]["TokenInfo"];
        };
        TokenRequest: {
            /** @enum {string} */
            role: "viewer" | "analyst" | "admin";
            name?: string;
        };
        ScenarioList: {
            items: {
                id: string;
                name: string;
                description: string | null;
                baseDate: string;
                period: string | null;
                commodities: string[];
                changes: number;
                scenario: components["schemas"]["Scenario"];
            }[];
            problems: {
                id: string;
                problems: string[];
            }[];
        };
        Scenario: {
            name: string;
            description?: string;
            baseDate: string;
            period?: string;
            /** @default false */
            carryForward: boolean;
            commodities?: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
            /** @default [] */
            sources: {
                id: string;
                title: string;
                url?: string;
                publisher?: string;
                published?: string;
                accessed?: string;
                /** @enum {string} */
                kind: "primary" | "secondary" | "reference" | "derived" | "analyst";
                /** @enum {string} */
                confidence: "high" | "medium" | "low";
                note?: string;
                restricted?: boolean;
            }[];
            /** @default [] */
            changes: ({
                /** @enum {string} */
                kind: "deal-closes";
                deal: string;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "deal-collapses";
                deal: string;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "stake-transfer";
                from: string;
                to: string;
                owned: string;
                share?: number;
                fraction?: number;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "offtake";
                sellers: string[];
                buyer: string;
                commodities: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
                term: {
                    /** @enum {string} */
                    kind: "equity-proportional";
                    holder?: string;
                } | {
                    /** @enum {string} */
                    kind: "fixed";
                    tonnes: number;
                } | {
                    /** @enum {string} */
                    kind: "share-of-production";
                    share: number;
                } | {
                    /** @enum {string} */
                    kind: "share-of-unallocated";
                    share: number;
                } | {
                    /** @enum {string} */
                    kind: "exclusive-country";
                    country: string;
                };
                priority?: number;
                destination?: string;
                validTo?: string;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "production-outage";
                asset?: string;
                province?: string;
                /** @enum {string} */
                commodity?: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                factor: number;
                factorEnd?: number;
                period?: string;
                from?: string;
                to?: string;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "territory-taken";
                id?: string;
                controller: string;
                /** @default CD */
                country: string;
                province?: string;
                /** @default [] */
                territories: string[];
                /** @default [] */
                assets: string[];
                territory?: string;
                /** @default [] */
                extent: ({
                    unit: string;
                    /**
                     * @default whole
                     * @enum {string}
                     */
                    held: "whole" | "partial" | "town";
                    note?: string;
                } | {
                    name: string;
                    /** @enum {string} */
                    level: "province" | "territoire" | "ville" | "chefferie" | "secteur" | "groupement" | "locality";
                    within?: string;
                    pcode?: string;
                    /** @enum {string} */
                    held: "whole" | "partial" | "town";
                    location?: {
                        lat: number;
                        lon: number;
                    };
                    boundary?: {
                        geometry: {
                            /** @enum {string} */
                            type: "Polygon";
                            coordinates: [
                                number,
                                number
                            ][][];
                        } | {
                            /** @enum {string} */
                            type: "MultiPolygon";
                            coordinates: [
                                number,
                                number
                            ][][][];
                        };
                        sources: string[];
                        note?: string;
                    };
                    note?: string;
                })[];
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "territory-returned";
                territory?: string;
                /** @default [] */
                units: string[];
                /** @default [] */
                assets: string[];
                controller?: string;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "export-ban";
                /** @default CD */
                country: string;
                /** @enum {string} */
                commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                validTo?: string;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "export-quota";
                /** @default CD */
                country: string;
                /** @enum {string} */
                commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                capTonnes: number;
                capPeriod: string;
                strategicTonnes?: number;
                validTo?: string;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "quota-change";
                rule: string;
                factor?: number;
                capTonnes?: number;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "route-closed";
                leg?: string;
                node?: string;
                corridor?: string;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "route-opened";
                leg?: string;
                node?: string;
                corridor?: string;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "price-shock";
                /** @enum {string} */
                commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                factor: number;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "demand-shock";
                /** @enum {string} */
                commodity: "cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc";
                country?: string;
                factor: number;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            } | {
                /** @enum {string} */
                kind: "stockpile-budget";
                stockpile: string;
                budgetUsd?: number;
                changeUsd?: number;
                date?: string;
                probability?: number;
                group?: string;
                sources?: string[];
                assumption?: string;
                note?: string;
            })[];
        };
        ScenarioEvaluation: {
            scenario: string;
            asOf: string;
            applied: {
                index: number;
                kind: string;
                date: string;
                summary: string;
                records: string[];
                changesNothing?: boolean;
            }[];
            obligations: {
                deal: string;
                party: string;
                description: string;
            }[];
            parts: {
                /** @enum {string} */
                part: "control" | "allocation" | "routes" | "stockpile";
                computed: boolean;
                note: string;
            }[];
            commodities: {
                commodity: string;
                period: string;
                control: components["schemas"]["ControlReport"] | null;
                flows: ({
                    producedTonnes: number;
                } & {
                    [key: string]: unknown;
                }) | null;
                notes: string[];
            }[];
            metrics: components["schemas"]["Metric"][];
        };
        Metric: {
            id: string;
            label: string;
            commodity: string | null;
            /** @enum {string} */
            part: "control" | "allocation" | "routes" | "stockpile";
            /** @enum {string} */
            unit: "share" | "tonnes" | "hhi" | "usd" | "count";
            value: number | null;
            parts: {
                [key: string]: number;
            };
            labels?: {
                [key: string]: string;
            };
        };
        EvaluateRequest: {
            /** @description A shipped scenario's id, or a scenario (see the Scenario schema) */
            scenario: string | components["schemas"]["Scenario"];
            /** @description Commodities (default the scenarios' own, else cobalt and copper) */
            commodities?: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
            /** @description Production period for every scenario (default the first's, else the latest actual year) */
            period?: string;
            /** @description Route the allocated tonnes (min-cost flow, HiGHS); default true */
            routes?: boolean;
            /** @description The stockpile whose coverage and shortfall each scenario measures (default project-vault, when the dataset has it) */
            holder?: string;
            /** @description Measure the stockpile; default true */
            stockpile?: boolean;
        };
        Comparison: {
            base: string;
            scenarios: string[];
            rows: {
                id: string;
                label: string;
                commodity: string | null;
                /** @enum {string} */
                part: "control" | "allocation" | "routes" | "stockpile";
                /** @enum {string} */
                unit: "share" | "tonnes" | "hhi" | "usd" | "count";
                base: number | null;
                cells: {
                    scenario: string;
                    value: number | null;
                    change: number | null;
                    explanation: string;
                }[];
                magnitude: number;
            }[];
            parts: {
                scenario: string;
                parts: {
                    /** @enum {string} */
                    part: "control" | "allocation" | "routes" | "stockpile";
                    computed: boolean;
                    note: string;
                }[];
            }[];
            changes: {
                scenario: string;
                applied: string[];
                obligations: string[];
                /** @description Changes that touch no figure of the records evaluated (an outage dated where they have no production figure): they change nothing */
                changeNothing: string[];
            }[];
        };
        CompareRequest: {
            scenarios: (string | components["schemas"]["Scenario"])[];
            /** @description Commodities (default the scenarios' own, else cobalt and copper) */
            commodities?: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
            /** @description Production period for every scenario (default the first's, else the latest actual year) */
            period?: string;
            /** @description Route the allocated tonnes (min-cost flow, HiGHS); default true */
            routes?: boolean;
            /** @description The stockpile whose coverage and shortfall each scenario measures (default project-vault, when the dataset has it) */
            holder?: string;
            /** @description Measure the stockpile; default true */
            stockpile?: boolean;
            /** @description List metrics that do not change too */
            includeUnchanged?: boolean;
        };
        DealList: {
            asOf: string;
            deals: components["schemas"]["DealAsOf"][];
        };
        DealAsOf: {
            /** @enum {string|null} */
            statusAsOf: "proposed" | "negotiating" | "agreed-in-principle" | "signed" | "conditions-pending" | "closed" | "collapsed" | null;
        } & components["schemas"]["Deal"];
        DealEvaluation: {
            deal: string;
            date: string;
            evaluation: components["schemas"]["ScenarioEvaluation"];
            comparison: components["schemas"]["Comparison"];
        };
        DealEvaluateRequest: {
            /**
             * @description The day the deal closes (default today)
             * @example 2026-06-30
             */
            date?: string;
            /** @description Commodities (default the scenarios' own, else cobalt and copper) */
            commodities?: ("cobalt" | "copper" | "gallium" | "germanium" | "gold" | "lithium" | "tantalum" | "tin" | "tungsten" | "zinc")[];
            /** @description Production period for every scenario (default the first's, else the latest actual year) */
            period?: string;
            /** @description Route the allocated tonnes (min-cost flow, HiGHS); default true */
            routes?: boolean;
            /** @description The stockpile whose coverage and shortfall each scenario measures (default project-vault, when the dataset has it) */
            holder?: string;
            /** @description Measure the stockpile; default true */
            stockpile?: boolean;
        };
        Session: {
            /** @enum {string} */
            role: "viewer" | "analyst" | "admin" | "public";
            name: string;
            /** @enum {string} */
            via: "bearer" | "session" | "public";
            expiresAt: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
