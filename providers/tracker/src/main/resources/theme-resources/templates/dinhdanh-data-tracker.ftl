<#-- "Who received my data" (providers/tracker: CitizenReleasesResource), shipped in the provider's jar so that every
     login theme renders it (a theme may override it with its own dinhdanh-data-tracker.ftl): the signed-in citizen's
     releases, newest first, one page at a time: cards on a phone, a table from 768 px on (the same rows, one of the two
     shown by CSS). Labels (relying parties, items, channels, levels, methods) are translated by the resource. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("dinhdanh.tracker.title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/dinhdanh-tracker.css">
        <div id="dinhdanh-data-tracker" class="dinhdanh-data-tracker">
            <p>${msg("dinhdanh.tracker.intro")}</p>
            <#if clients?size gt 1 || client != "">
                <form id="dinhdanh-tracker-filter" class="dinhdanh-tracker-filter" method="get" action="${pageUrl}">
                    <div class="dinhdanh-tracker-field">
                        <label for="dinhdanh-tracker-client">${msg("dinhdanh.tracker.filter.label")}</label>
                        <select id="dinhdanh-tracker-client" name="client">
                            <option value="">${msg("dinhdanh.tracker.filter.all")}</option>
                            <#list clients as c>
                                <option value="${c.id}"<#if c.id == client> selected</#if>>${c.name}</option>
                            </#list>
                        </select>
                    </div>
                    <button type="submit" id="dinhdanh-tracker-filter-apply" class="pf-v5-c-button pf-m-secondary">${msg("dinhdanh.tracker.filter.apply")}</button>
                </form>
            </#if>
            <#if releases?size == 0>
                <p id="dinhdanh-tracker-empty">${msg("dinhdanh.tracker.empty")}</p>
            <#else>
                <p id="dinhdanh-tracker-total">${msg("dinhdanh.tracker.total", total?c)}</p>
                <p class="dinhdanh-tracker-downloads">${msg("dinhdanh.tracker.download")}
                    <a id="dinhdanh-tracker-csv" href="${csvUrl}" download>${msg("dinhdanh.tracker.download.csv")}</a>
                    <a id="dinhdanh-tracker-json" href="${jsonUrl}" download>${msg("dinhdanh.tracker.download.json")}</a>
                </p>
                <table id="dinhdanh-tracker-releases" class="dinhdanh-tracker-table">
                    <caption>${msg("dinhdanh.tracker.caption", page?c)}</caption>
                    <thead>
                    <tr>
                        <th scope="col">${msg("dinhdanh.tracker.column.time")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.client")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.items")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.channel")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.loa")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.method")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.receipt")}</th>
                    </tr>
                    </thead>
                    <tbody>
                    <#list releases as r>
                        <tr class="dinhdanh-tracker-release">
                            <td><time datetime="${r.isoTime}">${r.time}</time></td>
                            <td>${r.client}</td>
                            <td>${r.items?join(", ")}</td>
                            <td>${r.channel}</td>
                            <td>${r.loa}</td>
                            <td>${r.method}</td>
                            <td><a class="dinhdanh-tracker-receipt" href="${receiptUrl}?row=${r.row?c}" download>${msg("dinhdanh.tracker.receipt", r.row?c)}</a></td>
                        </tr>
                    </#list>
                    </tbody>
                </table>
                <ol id="dinhdanh-tracker-cards" class="dinhdanh-tracker-cards">
                    <#list releases as r>
                        <li class="dinhdanh-tracker-card">
                            <h2>${r.client}</h2>
                            <dl>
                                <div><dt>${msg("dinhdanh.tracker.column.time")}</dt><dd><time datetime="${r.isoTime}">${r.time}</time></dd></div>
                                <div><dt>${msg("dinhdanh.tracker.column.items")}</dt><dd>${r.items?join(", ")}</dd></div>
                                <div><dt>${msg("dinhdanh.tracker.column.channel")}</dt><dd>${r.channel}</dd></div>
                                <div><dt>${msg("dinhdanh.tracker.column.loa")}</dt><dd>${r.loa}</dd></div>
                                <div><dt>${msg("dinhdanh.tracker.column.method")}</dt><dd>${r.method}</dd></div>
                            </dl>
                            <a class="dinhdanh-tracker-receipt" href="${receiptUrl}?row=${r.row?c}" download>${msg("dinhdanh.tracker.receipt", r.row?c)}</a>
                        </li>
                    </#list>
                </ol>
                <nav class="dinhdanh-tracker-pages" aria-label="${msg("dinhdanh.tracker.pages")}">
                    <#if previousUrl??><a id="dinhdanh-tracker-previous" href="${previousUrl}">${msg("dinhdanh.tracker.previous")}</a></#if>
                    <span aria-current="page">${msg("dinhdanh.tracker.page", page?c)}</span>
                    <#if nextUrl??><a id="dinhdanh-tracker-next" href="${nextUrl}">${msg("dinhdanh.tracker.next")}</a></#if>
                </nav>
                <p class="dinhdanh-tracker-receipts-help">${msg("dinhdanh.tracker.receiptHelp")}
                    <a id="dinhdanh-tracker-checkpoint" href="${checkpointUrl}">${msg("dinhdanh.tracker.checkpoint")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
