<#-- "Who received my data" (providers/tracker: CitizenReleasesResource): the signed-in citizen's releases,
     newest first, one page at a time. Labels (items, channels, methods) are already translated by the resource. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("dinhdanh.tracker.title")}
    <#elseif section = "form">
        <div id="dinhdanh-data-tracker" class="dinhdanh-data-tracker">
            <p>${msg("dinhdanh.tracker.intro")}</p>
            <#if releases?size == 0>
                <p id="dinhdanh-tracker-empty">${msg("dinhdanh.tracker.empty")}</p>
            <#else>
                <p id="dinhdanh-tracker-total">${msg("dinhdanh.tracker.total", total?c)}</p>
                <table id="dinhdanh-tracker-releases" class="pf-v5-c-table pf-m-compact pf-m-grid-md" role="grid">
                    <thead>
                    <tr>
                        <th scope="col">${msg("dinhdanh.tracker.column.time")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.client")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.items")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.channel")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.loa")}</th>
                        <th scope="col">${msg("dinhdanh.tracker.column.method")}</th>
                    </tr>
                    </thead>
                    <tbody>
                    <#list releases as r>
                        <tr class="dinhdanh-tracker-release">
                            <td>${r.time}</td>
                            <td>${r.client}</td>
                            <td>${r.items?join(", ")}</td>
                            <td>${r.channel}</td>
                            <td>${r.loa}</td>
                            <td>${r.method}</td>
                        </tr>
                    </#list>
                    </tbody>
                </table>
                <nav class="dinhdanh-tracker-pages">
                    <#if previousUrl??><a id="dinhdanh-tracker-previous" href="${previousUrl}">${msg("dinhdanh.tracker.previous")}</a></#if>
                    <span>${msg("dinhdanh.tracker.page", page?c)}</span>
                    <#if nextUrl??><a id="dinhdanh-tracker-next" href="${nextUrl}">${msg("dinhdanh.tracker.next")}</a></#if>
                </nav>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
